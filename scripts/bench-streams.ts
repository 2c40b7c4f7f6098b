/**
 * `npm run bench:streams`: many concurrent open streams through the service against a slow upstream that
 * trickles chunks (scripts/bench-upstream.ts `trickle-<n>-<ms>`), each chunk carrying its send time.
 * Prints: streams completed (a final `done: true` line), how long chunks took from the upstream's write to the
 * client's read (max, p99, count over 50 ms), the service's RSS at start, with every stream open (growth per
 * stream) and 2 s and 10 s after they closed, its CPU time per relayed chunk, and this client's own CPU per chunk
 * (the three processes share the machine's cores, so a client that lags shows as held chunks).
 *
 * BENCH_STREAMS (5000), BENCH_STREAM_CHUNKS (20), BENCH_STREAM_INTERVAL_MS (250), BENCH_STREAM_RAMP_MS (2500: the
 * streams open evenly over this window, as clients arrive, rather than in one burst). The service is allowed that
 * many upstream connections and answers in flight (UPSTREAM_MAX_CONNECTIONS, MAX_PENDING_ANSWERS).
 */
import { once } from 'node:events'
import { Pool } from 'undici'
import { startService, startUpstream } from './bench-processes.js'

const STREAMS = Number(process.env.BENCH_STREAMS ?? 5000)
const CHUNKS = Number(process.env.BENCH_STREAM_CHUNKS ?? 20)
const INTERVAL_MS = Number(process.env.BENCH_STREAM_INTERVAL_MS ?? 250)
const RAMP_MS = Number(process.env.BENCH_STREAM_RAMP_MS ?? 2500)
const HOLD_LIMIT_MS = 50
const MB = 1024 * 1024

const upstream = await startUpstream()
const service = await startService(upstream.url, [`trickle-${CHUNKS}-${INTERVAL_MS}`, 'trickle-2-10'], {
  UPSTREAM_MAX_CONNECTIONS: String(STREAMS + 100),
  MAX_PENDING_ANSWERS: String(STREAMS + 100)
})
const client = new Pool(service.url, { connections: STREAMS + 100, headersTimeout: 0, bodyTimeout: 0 })

interface StreamResult { completed: boolean, holds: number[], error?: string }

let settled = 0
let allOpen: () => void = () => {}
const everyStreamOpen = new Promise<void>((resolve) => { allOpen = resolve })
/** Counts a stream as open (first line read) or failed; all of them settled resolves everyStreamOpen. */
const settle = () => { if (++settled === STREAMS) allOpen() }

async function oneStream (model: string, holds: number[], delayMs = 0): Promise<StreamResult> {
  let first = true
  try {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
    const response = await client.request({
      path: '/api/chat',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: `openai/${model}`, messages: [{ role: 'user', content: 'trickle' }], stream: true })
    })
    if (response.statusCode !== 200) return { completed: false, holds, error: `status ${response.statusCode}: ${await response.body.text()}` }
    // 'data' events rather than an async iterator: no promise per chunk, so this client (which shares the cores with
    // the service and the upstream) adds as little lag as it can to the times it measures.
    const completed = await new Promise<boolean>((resolve, reject) => {
      let buffered = ''
      let done = false
      response.body.on('data', (piece: Buffer) => {
        const now = Date.now()
        buffered += piece.toString()
        let newline: number
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = JSON.parse(buffered.slice(0, newline)) as { message?: { content?: string }, done?: boolean }
          buffered = buffered.slice(newline + 1)
          const sentAt = Number(line.message?.content)
          if (line.message?.content !== '' && Number.isFinite(sentAt)) holds.push(now - sentAt)
          if (line.done === true) done = true
          if (first) {
            first = false
            settle()
          }
        }
      })
      response.body.once('end', () => resolve(done))
      response.body.once('error', reject)
    })
    return { completed, holds }
  } catch (error) {
    return { completed: false, holds, error: (error as Error).message }
  } finally {
    if (first) settle()
  }
}

try {
  // Warm up (JIT, pools), then measure from a collected heap.
  await Promise.all(Array.from({ length: 50 }, () => oneStream('trickle-2-10', [])))
  settled = 0
  const start = await service.stats(true)
  const clientCpuAtStart = process.cpuUsage()
  const startedAt = Date.now()
  const running = Array.from({ length: STREAMS }, (_, index) => oneStream(`trickle-${CHUNKS}-${INTERVAL_MS}`, [], RAMP_MS * index / STREAMS))
  const finished = Promise.all(running)
  await Promise.race([everyStreamOpen, finished])
  const openAt = Date.now()
  const peak = await service.stats()
  const results = await finished
  const endedAt = Date.now()
  const clientCpu = process.cpuUsage(clientCpuAtStart)
  // The clients' connections close; the service's idle keep-alive connections to the upstream stay in its pool.
  await client.close()
  await new Promise((resolve) => setTimeout(resolve, 2000))
  const after = await service.stats(true)
  // V8 shrinks a heap that grew only once the load has been gone for some seconds (a full GC 2 s after still keeps
  // the grown heap), and its helper threads return the freed pages just after that GC: read RSS a second later.
  await new Promise((resolve) => setTimeout(resolve, 8000))
  await service.stats(true)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const later = await service.stats()

  const holds = results.flatMap((result) => result.holds).sort((left, right) => left - right)
  const completed = results.filter((result) => result.completed).length
  const errors = new Map<string, number>()
  for (const result of results) if (result.error !== undefined) errors.set(result.error, (errors.get(result.error) ?? 0) + 1)
  const at = (quantile: number) => holds[Math.min(holds.length - 1, Math.floor(holds.length * quantile))] ?? NaN
  const chunks = holds.length
  console.log(`${STREAMS} concurrent streams of ${CHUNKS} chunks every ${INTERVAL_MS} ms through the service (node ${process.version})`)
  console.log(`  opened over ${RAMP_MS} ms; all open after ${openAt - startedAt} ms; all done after ${endedAt - startedAt} ms`)
  console.log(`  completed: ${completed}/${STREAMS}${errors.size === 0 ? '' : '  errors: ' + JSON.stringify(Object.fromEntries(errors))}`)
  console.log(`  chunk upstream-write to client-read: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${holds.at(-1)} ms; over ${HOLD_LIMIT_MS} ms: ${holds.filter((hold) => hold > HOLD_LIMIT_MS).length} of ${chunks}`)
  console.log(`  service RSS: start ${(start.rssBytes / MB).toFixed(1)} MB, all open ${(peak.rssBytes / MB).toFixed(1)} MB ` +
    `(+${((peak.rssBytes - start.rssBytes) / 1024 / STREAMS).toFixed(1)} KB/stream), 2 s after close ${(after.rssBytes / MB).toFixed(1)} MB ` +
    `(${(100 * (after.rssBytes - start.rssBytes) / start.rssBytes).toFixed(1)}% over start), 10 s after close (and a GC) ${(later.rssBytes / MB).toFixed(1)} MB ` +
    `(${(100 * (later.rssBytes - start.rssBytes) / start.rssBytes).toFixed(1)}% over start)`)
  console.log(`  service heap used: start ${(start.heapUsedBytes / MB).toFixed(1)} MB, all open ${(peak.heapUsedBytes / MB).toFixed(1)} MB, after close and a full GC ${(after.heapUsedBytes / MB).toFixed(1)} MB, 10 s after close ${(later.heapUsedBytes / MB).toFixed(1)} MB`)
  console.log(`  service CPU per relayed chunk: ${((after.cpuMicros - start.cpuMicros) / Math.max(1, chunks)).toFixed(1)} µs (whole run, connection setup included)`)
  console.log(`  this bench's own client CPU per chunk read: ${((clientCpu.user + clientCpu.system) / Math.max(1, chunks)).toFixed(1)} µs (it shares the cores; its lag counts in the figures above)`)
} finally {
  if (!client.closed) await client.close()
  await service.stop()
  await upstream.stop()
}
await once(process, 'beforeExit')
