/**
 * `npm run bench`: requests/s and latency of /api/chat through the service against calling the fake
 * upstream directly, streamed and not, at concurrency 1 and 64. Upstream, service and load generator
 * run in separate processes. Throughput comes from autocannon; since it reports latency in whole
 * milliseconds, the added latency at concurrency 1 is measured with undici's Client in microseconds.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import autocannon from 'autocannon'
import { Client } from 'undici'

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

/** Sequential requests on one keep-alive connection; returns per-request latency percentiles in microseconds. */
async function sequentialLatency (url: string, body: unknown, count: number): Promise<{ p50: number, p99: number }> {
  const target = new URL(url)
  const client = new Client(target.origin)
  const samples: number[] = []
  const payload = JSON.stringify(body)
  try {
    for (let index = 0; index < count; index++) {
      const started = process.hrtime.bigint()
      const response = await client.request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body: payload })
      await response.body.dump({ limit: Infinity })
      if (index >= count / 10) samples.push(Number(process.hrtime.bigint() - started) / 1000)
    }
  } finally {
    await client.close()
  }
  samples.sort((left, right) => left - right)
  const at = (quantile: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * quantile))]!
  return { p50: at(0.5), p99: at(0.99) }
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
  const latencyRows: string[][] = [['mode', 'direct p50/p99 µs', 'service p50/p99 µs', 'added p50 µs']]
  for (const stream of [false, true]) {
    const direct = await sequentialLatency(`${upstream.url}/chat/completions`, { model: 'fake-text', messages, stream }, 2000)
    const through = await sequentialLatency(`${service.url}/api/chat`, { model: 'openai/fake-text', messages, stream }, 2000)
    latencyRows.push([stream ? 'stream' : 'json', `${direct.p50.toFixed(0)}/${direct.p99.toFixed(0)}`, `${through.p50.toFixed(0)}/${through.p99.toFixed(0)}`, (through.p50 - direct.p50).toFixed(0)])
  }
  rows.push([], ...latencyRows)
} finally {
  service.child.kill('SIGTERM')
  upstream.child.kill('SIGTERM')
}

const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)))
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '))
