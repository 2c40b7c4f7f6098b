/**
 * `npm run bench`: the service's hot path against the same zero-work upstream called directly, through an nginx
 * `proxy_pass` hop and through the Node floor, in one run, interleaved, so the ratios hold on a busy machine even
 * when absolute figures do not. Upstream, nginx, Node floor, service and load generator are separate processes.
 * The Node floor (scripts/bench-floor.ts) is a minimal Node proxy: a node:http server and an undici Pool forwarding
 * the body to the same upstream and piping the answer back unchanged, nothing else; what any Node implementation
 * of this hop pays on this machine, so service/floor says what the service adds over Node itself.
 *
 * 1. /api/chat throughput (autocannon, after a 1 s warm-up of every target, then in 1 s slices target after target),
 *    non-streamed and streamed (20 chunks + usage), at 1 and 64 connections, with the ratios service/direct,
 *    service/nginx and service/floor, and the CPU time per request of the floor and the service.
 * 2. Added latency at one connection: sequential keep-alive requests (undici Client, µs), p50 and p99 over direct,
 *    for nginx, the floor and the service, and the service's added p50 as a multiple of the floor's.
 * 3. CPU per relayed chunk: streamed answers of 1,000 chunks, the service's CPU time ÷ chunks.
 * 4. Listing latency with 2,000 listed models (GET and HEAD /api/tags, GET /v1/models in OpenAI's shape and in
 *    Anthropic's, POST /api/show), each interleaved with its floor: a bare node:http server (scripts/bench-static.ts)
 *    answering the same bytes as a ready Buffer; p50/p99 of both, their gap, and CPU µs per request of each.
 * The 5,000-open-streams run is `npm run bench:streams` (scripts/bench-streams.ts).
 *
 * BENCH_SECONDS (5) per target and throughput measurement, BENCH_LATENCY_REQUESTS (2000) per target and per listing route,
 * BENCH_CHUNK_REQUESTS (100), BENCH_ONLY (comma-separated: throughput, latency, chunks, listing) to run a part;
 * BENCH_CONNECTIONS (1,64); BENCH_PROFILE_DIR: the service's CPU profile of each throughput measurement, of the chunk
 * run and of each listing route is written there.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { Client, Pool } from 'undici'
import { childCpuMicros, startFloor, startNginx, startService, startStatic, startUpstream, type BenchProcess } from './bench-processes.js'

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const LATENCY_REQUESTS = Number(process.env.BENCH_LATENCY_REQUESTS ?? 2000)
const CHUNK_REQUESTS = Number(process.env.BENCH_CHUNK_REQUESTS ?? 100)
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,64').split(',').map(Number)
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR
if (PROFILE_DIR !== undefined) mkdirSync(PROFILE_DIR, { recursive: true })
const ONLY = new Set((process.env.BENCH_ONLY ?? 'throughput,latency,chunks,listing').split(','))
const LISTED = Array.from({ length: 2000 }, (_, index) => `bench-listed-${String(index).padStart(4, '0')}`)
const messages = [{ role: 'user', content: 'Hello' }]

const upstream = await startUpstream(LISTED)
const nginx = await startNginx(upstream.url)
const nodeFloor = await startFloor(upstream.url)
const service = await startService(upstream.url, LISTED)
const NO_NGINX = nginx === undefined ? 'nginx not installed (apt-get install nginx-light): no nginx column' : undefined

interface Target { name: 'direct' | 'nginx' | 'floor' | 'service', url: string, body: (stream: boolean, chunks?: number) => string }
const upstreamBody = (stream: boolean, chunks = 20) =>
  JSON.stringify({ model: `bench-${chunks}`, messages, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) })
const targets: Target[] = [
  { name: 'direct', url: `${upstream.url}/chat/completions`, body: upstreamBody },
  ...(nginx === undefined ? [] : [{ name: 'nginx' as const, url: `${nginx.url}/chat/completions`, body: upstreamBody }]),
  { name: 'floor', url: `${nodeFloor.url}/chat/completions`, body: upstreamBody },
  { name: 'service', url: `${service.url}/api/chat`, body: (stream: boolean, chunks = 20) => JSON.stringify({ model: `openai/bench-${chunks}`, messages, stream }) }
]

const print = (rows: string[][]) => {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)))
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd())
  console.log()
}
const ratio = (value: number, base: number | undefined) => base === undefined ? '-' : (value / base).toFixed(2) + 'x'

/** Requests completed and seconds taken by one autocannon run. */
async function throughput (url: string, body: string, connections: number, duration: number): Promise<{ requests: number, seconds: number, errors: number }> {
  const result = await autocannon({ url, method: 'POST', connections, duration, headers: { 'content-type': 'application/json' }, body })
  return { requests: result.requests.total, seconds: result.duration, errors: result.errors + result.non2xx + result.timeouts }
}

/** Percentile of sorted samples. */
const at = (sorted: number[], quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * quantile))]!

/** One request on a keep-alive Client, read to the end; its duration in microseconds. */
async function timed (client: Client | Pool, path: string, method: 'GET' | 'HEAD' | 'POST', body?: string, headers: Record<string, string> = {}): Promise<number> {
  const started = process.hrtime.bigint()
  // undici closes the connection after a HEAD unless told not to (`reset`): keep-alive, as for every other method.
  const response = await client.request({ path, method, headers: { 'content-type': 'application/json', ...headers }, body, reset: false })
  await response.body.dump({ limit: Infinity })
  if (response.statusCode !== 200) throw new Error(`${method} ${path}: ${response.statusCode}`)
  return Number(process.hrtime.bigint() - started) / 1000
}

async function runThroughput (): Promise<void> {
  const rows = [[
    'mode', 'conns', 'direct req/s', 'nginx req/s', 'floor req/s', 'service req/s', 'service/direct', 'service/nginx', 'service/floor',
    'nginx/direct', 'floor/direct', 'floor CPU µs/req', 'service CPU µs/req', 'errors'
  ]]
  // Warm every target up first (JIT, sockets, pools): the first measurement would otherwise be a cold process's.
  for (const target of targets) for (const stream of [false, true]) await throughput(target.url, target.body(stream), Math.max(...CONNECTIONS), 1)
  const cpu = async () => ({ service: (await service.stats()).cpuMicros, floor: await childCpuMicros(nodeFloor.child) })
  for (const stream of [false, true]) {
    for (const connections of CONNECTIONS) {
      // One-second slices, target after target, so a change in the machine's load falls on every target alike. The
      // floor and the service are idle during the others' slices: their CPU over the whole cell is their own load's.
      const totals = new Map(targets.map((target) => [target.name, { requests: 0, seconds: 0 }]))
      let errors = 0
      if (PROFILE_DIR !== undefined) await service.startProfile()
      const before = await cpu()
      for (let slice = 0; slice < DURATION_SECONDS; slice++) {
        for (const target of targets) {
          const result = await throughput(target.url, target.body(stream), connections, 1)
          const total = totals.get(target.name)!
          total.requests += result.requests
          total.seconds += result.seconds
          errors += result.errors
        }
      }
      const after = await cpu()
      if (PROFILE_DIR !== undefined) await service.stopProfile(join(PROFILE_DIR, `${stream ? 'stream' : 'json'}-${connections}.cpuprofile`))
      const rps = new Map([...totals].map(([name, total]) => [name, total.requests / total.seconds]))
      const cpuPerRequest = (name: 'service' | 'floor') => (after[name] - before[name]) / totals.get(name)!.requests
      const direct = rps.get('direct')!
      const viaNginx = rps.get('nginx')
      const viaFloor = rps.get('floor')!
      const viaService = rps.get('service')!
      rows.push([
        stream ? 'stream 20+usage' : 'json', String(connections), direct.toFixed(0), viaNginx?.toFixed(0) ?? '-', viaFloor.toFixed(0), viaService.toFixed(0),
        ratio(viaService, direct), ratio(viaService, viaNginx), ratio(viaService, viaFloor), viaNginx === undefined ? '-' : ratio(viaNginx, direct), ratio(viaFloor, direct),
        cpuPerRequest('floor').toFixed(0), cpuPerRequest('service').toFixed(0), String(errors)
      ])
    }
  }
  console.log('/api/chat throughput (autocannon, %ds per target in 1 s slices, direct/nginx/floor/service interleaved)', DURATION_SECONDS)
  print(rows)
}

async function runLatency (): Promise<void> {
  const rows = [[
    'mode', 'direct p50/p99 µs', 'nginx p50/p99 µs', 'floor p50/p99 µs', 'service p50/p99 µs',
    'nginx added p50/p99 µs', 'floor added p50/p99 µs', 'service added p50/p99 µs', 'service/floor added p50'
  ]]
  for (const stream of [false, true]) {
    const clients = targets.map((target) => ({ target, client: new Client(new URL(target.url).origin), samples: [] as number[] }))
    try {
      for (let index = 0; index < LATENCY_REQUESTS * 1.1; index++) {
        // Interleaved one by one, so load from the other developers falls on every target alike.
        for (const entry of clients) {
          const micros = await timed(entry.client, new URL(entry.target.url).pathname, 'POST', entry.target.body(stream))
          if (index >= LATENCY_REQUESTS * 0.1) entry.samples.push(micros)
        }
      }
    } finally {
      await Promise.all(clients.map((entry) => entry.client.close()))
    }
    const summary = new Map(clients.map((entry) => {
      const sorted = entry.samples.sort((left, right) => left - right)
      return [entry.target.name, { p50: at(sorted, 0.5), p99: at(sorted, 0.99) }]
    }))
    const direct = summary.get('direct')!
    const cell = (name: Target['name']) => { const value = summary.get(name); return value === undefined ? '-' : `${value.p50.toFixed(0)}/${value.p99.toFixed(0)}` }
    const added = (name: Target['name']) => { const value = summary.get(name); return value === undefined ? '-' : `${(value.p50 - direct.p50).toFixed(0)}/${(value.p99 - direct.p99).toFixed(0)}` }
    const addedP50 = (name: Target['name']) => summary.get(name)!.p50 - direct.p50
    rows.push([
      stream ? 'stream 20+usage' : 'json', cell('direct'), cell('nginx'), cell('floor'), cell('service'),
      added('nginx'), added('floor'), added('service'), ratio(addedP50('service'), addedP50('floor'))
    ])
  }
  console.log('/api/chat latency at one connection (%d sequential keep-alive requests per target, interleaved)', LATENCY_REQUESTS)
  print(rows)
}

async function runChunks (): Promise<void> {
  const target = targets.find((entry) => entry.name === 'service')!
  const chunks = 1000
  const concurrency = 4
  const client = new Pool(new URL(target.url).origin, { connections: concurrency })
  try {
    await timed(client, '/api/chat', 'POST', target.body(true, chunks))
    if (PROFILE_DIR !== undefined) await service.startProfile()
    const before = await service.stats()
    const started = process.hrtime.bigint()
    let next = 0
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next++ < CHUNK_REQUESTS) await timed(client, '/api/chat', 'POST', target.body(true, chunks))
    }))
    const wallMicros = Number(process.hrtime.bigint() - started) / 1000
    const cpu = (await service.stats()).cpuMicros - before.cpuMicros
    if (PROFILE_DIR !== undefined) await service.stopProfile(join(PROFILE_DIR, 'chunks-1000.cpuprofile'))
    console.log('CPU per relayed chunk (%d streamed answers of %d chunks + usage, %d at a time)', CHUNK_REQUESTS, chunks, concurrency)
    print([
      ['service CPU µs/chunk', 'service CPU ms/answer', 'wall µs/chunk'],
      [(cpu / (CHUNK_REQUESTS * chunks)).toFixed(2), (cpu / CHUNK_REQUESTS / 1000).toFixed(2), (wallMicros / (CHUNK_REQUESTS * chunks)).toFixed(2)]
    ])
  } finally {
    await client.close()
  }
}

/**
 * Each listing route against its floor, interleaved one by one: a bare node:http server (scripts/bench-static.ts)
 * answering the same bytes the service answered, as a ready Buffer. The gap is what the service adds.
 */
async function runListing (): Promise<void> {
  const client = new Client(service.url)
  const rows = [['route', 'service p50/p99 µs', 'floor p50/p99 µs', 'service-floor p50/p99 µs', 'service CPU µs/req', 'floor CPU µs/req', 'body bytes']]
  interface Route { path: string, method: 'GET' | 'HEAD' | 'POST', body?: string, headers?: Record<string, string>, label?: string }
  const routes: Route[] = [
    { path: '/api/tags', method: 'GET' },
    { path: '/api/tags', method: 'HEAD' },
    { path: '/v1/models', method: 'GET' },
    // Claude Code's model discovery: one page (20) of the models that can chat.
    { path: '/v1/models', method: 'GET', headers: { 'anthropic-version': '2023-06-01' }, label: 'GET /v1/models (Anthropic)' },
    { path: '/api/show', method: 'POST', body: JSON.stringify({ model: `openai/${LISTED[1000]!}` }) }
  ]
  let listed = 0
  try {
    for (const { path, method, body, headers, label = `${method} ${path}` } of routes) {
      const sample = await client.request({ path, method: method === 'HEAD' ? 'GET' : method, headers: { 'content-type': 'application/json', ...headers }, body })
      const bytes = Buffer.from(await sample.body.arrayBuffer())
      if (path === '/api/tags') listed = (JSON.parse(bytes.toString()) as { models: unknown[] }).models.length
      const staticFloor = await startStatic(bytes, String(sample.headers['content-type']))
      const floorClient = new Client(staticFloor.url)
      const samples = { service: [] as number[], floor: [] as number[] }
      let cpu = 0
      let floorCpu = 0
      try {
        const profiled = `listing-${label.replaceAll(/[^A-Za-z0-9]+/g, '-')}.cpuprofile`
        if (PROFILE_DIR !== undefined) await service.startProfile()
        for (let index = 0; index < LATENCY_REQUESTS * 1.1; index++) {
          const measured = index >= LATENCY_REQUESTS * 0.1
          if (index === Math.ceil(LATENCY_REQUESTS * 0.1)) {
            cpu = -(await service.stats()).cpuMicros
            floorCpu = -(await childCpuMicros(staticFloor.child))
          }
          const serviceMicros = await timed(client, path, method, body, headers)
          const floorMicros = await timed(floorClient, path, method, body, headers)
          if (measured) { samples.service.push(serviceMicros); samples.floor.push(floorMicros) }
        }
        cpu += (await service.stats()).cpuMicros
        floorCpu += await childCpuMicros(staticFloor.child)
        if (PROFILE_DIR !== undefined) await service.stopProfile(join(PROFILE_DIR, profiled))
      } finally {
        await floorClient.close()
        await staticFloor.stop()
      }
      const [viaService, viaFloor] = [samples.service, samples.floor].map((values) => {
        const sorted = values.sort((left, right) => left - right)
        return { p50: at(sorted, 0.5), p99: at(sorted, 0.99) }
      }) as [{ p50: number, p99: number }, { p50: number, p99: number }]
      rows.push([
        label, `${viaService.p50.toFixed(0)}/${viaService.p99.toFixed(0)}`, `${viaFloor.p50.toFixed(0)}/${viaFloor.p99.toFixed(0)}`,
        `${(viaService.p50 - viaFloor.p50).toFixed(0)}/${(viaService.p99 - viaFloor.p99).toFixed(0)}`, (cpu / samples.service.length).toFixed(0), (floorCpu / samples.floor.length).toFixed(0),
        method === 'HEAD' ? `0 (${bytes.length} announced)` : String(bytes.length)
      ])
    }
  } finally {
    await client.close()
  }
  console.log('Model listing: %d models listed, %d sequential keep-alive requests per route, interleaved with its floor', listed, LATENCY_REQUESTS)
  console.log('(floor: a bare node:http server answering the same bytes as a ready Buffer, scripts/bench-static.ts)')
  print(rows)
}

const stopAll = async (processes: Array<BenchProcess | undefined>) => { for (const child of processes) await child?.stop() }
try {
  console.log(`bench: node ${process.version}, service ${service.url}, upstream ${upstream.url}, nginx ${nginx?.url ?? '-'}, floor ${nodeFloor.url}\n`)
  if (NO_NGINX !== undefined) console.log(NO_NGINX + '\n')
  if (ONLY.has('throughput')) await runThroughput()
  if (ONLY.has('latency')) await runLatency()
  if (ONLY.has('chunks')) await runChunks()
  if (ONLY.has('listing')) await runListing()
} finally {
  await stopAll([service, nodeFloor, nginx, upstream])
}
