/**
 * Bench helper process: the real service pointed at the bench upstream (OPENAI_BASE_URL), printing its URL.
 * Models listed: `bench-20`, `bench-1000` plus BENCH_LISTED_MODELS (comma-separated). Over the IPC channel it answers
 * `'stats'` with its CPU time (µs, user + system) and memory (bytes), so the bench can divide CPU by work done.
 * Extra service settings come in BENCH_SERVICE_ENV (a JSON object). `{ profile: 'start' }` starts V8's CPU profiler and
 * `{ profile: 'stop', path }` writes what it sampled since (a .cpuprofile), so a profile covers one load and not the start-up.
 */
import { writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { buildApp } from '../src/app.js'

const listed = ['bench-20', 'bench-1000', ...(process.env.BENCH_LISTED_MODELS ?? '').split(',').filter((name) => name !== '')]
const extra = JSON.parse(process.env.BENCH_SERVICE_ENV ?? '{}') as Record<string, string>
const app = await buildApp({
  logger: false,
  env: { OPENAI_API_KEY: 'bench-key', OPENAI_BASE_URL: process.env.OPENAI_BASE_URL, OPENAI_MODELS: listed.join(','), ...extra }
})
console.log(await app.listen({ host: '127.0.0.1', port: 0, backlog: app.config.LISTEN_BACKLOG }))

export interface ServiceStats { cpuMicros: number, rssBytes: number, heapUsedBytes: number }

const inspector = new Session()
inspector.connect()

process.on('message', async (message: unknown) => {
  if (typeof message === 'object' && message !== null && 'profile' in message) {
    const command = message as { profile: 'start' | 'stop', path?: string }
    if (command.profile === 'start') {
      await inspector.post('Profiler.enable')
      await inspector.post('Profiler.start')
    } else {
      const { profile } = await inspector.post('Profiler.stop')
      await writeFile(command.path!, JSON.stringify(profile))
    }
  }
  if (message === 'gc') globalThis.gc?.()
  const cpu = process.cpuUsage()
  const memory = process.memoryUsage()
  const stats: ServiceStats = { cpuMicros: cpu.user + cpu.system, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed }
  process.send?.(stats)
})
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
