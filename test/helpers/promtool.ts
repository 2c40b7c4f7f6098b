/**
 * Prometheus's own checker, `promtool` (Debian's `prometheus` package; .ci/run installs it): it parses the
 * text exposition, configuration and rule files as Prometheus does. Tests that need it fail when it is missing.
 */
import { spawn } from 'node:child_process'

export interface PromtoolResult {
  /** 0: fine; 1: not parseable or invalid; 3 (check metrics): parsed, with lint problems. */
  code: number
  /** stdout and stderr together. */
  output: string
}

/** Runs `promtool ...args`, writing `input` to its standard input. Rejects when promtool cannot be started. */
export function promtool (args: readonly string[], input = ''): Promise<PromtoolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', args, { stdio: ['pipe', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
    child.on('error', (error) => reject(new Error(`promtool could not start (install Debian's prometheus package): ${error.message}`)))
    child.on('close', (code) => resolve({ code: code ?? -1, output }))
    child.stdin.end(input)
  })
}
