/**
 * Bench helper process: the real service pointed at the bench upstream (OPENAI_BASE_URL), printing its URL.
 * Models listed: `bench-20`, `bench-1000` plus BENCH_LISTED_MODELS (comma-separated). Over the IPC channel it answers
 * `'stats'` with its CPU time (µs, user + system) and memory (bytes), so the bench can divide CPU by work done.
 * Extra service settings come in BENCH_SERVICE_ENV (a JSON object).
 */
import { buildApp } from '../src/app.js'

const listed = ['bench-20', 'bench-1000', ...(process.env.BENCH_LISTED_MODELS ?? '').split(',').filter((name) => name !== '')]
const extra = JSON.parse(process.env.BENCH_SERVICE_ENV ?? '{}') as Record<string, string>
const app = await buildApp({
  logger: false,
  env: { OPENAI_API_KEY: 'bench-key', OPENAI_BASE_URL: process.env.OPENAI_BASE_URL, OPENAI_MODELS: listed.join(','), ...extra }
})
console.log(await app.listen({ host: '127.0.0.1', port: 0 }))

export interface ServiceStats { cpuMicros: number, rssBytes: number, heapUsedBytes: number }

process.on('message', (message) => {
  if (message === 'gc') globalThis.gc?.()
  const cpu = process.cpuUsage()
  const memory = process.memoryUsage()
  const stats: ServiceStats = { cpuMicros: cpu.user + cpu.system, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed }
  process.send?.(stats)
})
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
