/**
 * `npm run bench`: requests/s and latency of /api/chat through the service against calling the fake
 * upstream directly, streamed and not, at concurrency 1 and 64. Upstream, service and load generator
 * (autocannon) run in separate processes.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import autocannon from 'autocannon'

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5)

async function startProcess (script: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess, url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  const [url] = await once(lines, 'line') as [string]
  return { child, url }
}

interface Measurement { requestsPerSecond: number, p50: number, p99: number, errors: number }

async function measure (url: string, body: unknown, connections: number): Promise<Measurement> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: DURATION_SECONDS,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx }
}

const upstream = await startProcess('scripts/bench-upstream.ts')
const service = await startProcess('scripts/bench-service.ts', { OPENAI_BASE_URL: upstream.url })
const messages = [{ role: 'user', content: 'Hello' }]
const rows: string[][] = [['mode', 'conc', 'direct req/s', 'service req/s', 'ratio', 'direct p50/p99 ms', 'service p50/p99 ms', 'added p50 ms', 'errors']]

try {
  for (const stream of [false, true]) {
    for (const connections of [1, 64]) {
      const direct = await measure(`${upstream.url}/chat/completions`, { model: 'fake-text', messages, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) }, connections)
      const through = await measure(`${service.url}/api/chat`, { model: 'openai/fake-text', messages, stream }, connections)
      rows.push([
        stream ? 'stream' : 'json',
        String(connections),
        direct.requestsPerSecond.toFixed(0),
        through.requestsPerSecond.toFixed(0),
        (through.requestsPerSecond / direct.requestsPerSecond).toFixed(2) + 'x',
        `${direct.p50}/${direct.p99}`,
        `${through.p50}/${through.p99}`,
        (through.p50 - direct.p50).toFixed(2),
        String(direct.errors + through.errors)
      ])
    }
  }
} finally {
  service.child.kill('SIGTERM')
  upstream.child.kill('SIGTERM')
}

const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '))
