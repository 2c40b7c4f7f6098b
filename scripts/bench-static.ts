/**
 * Bench helper process: the floor for a listing's latency, printing its URL on its first stdout line. It answers every
 * request (any method and path; HEAD without the body) with the bytes of BENCH_STATIC_FILE as one ready Buffer,
 * `content-type: BENCH_STATIC_TYPE` and a `content-length`, from a bare node:http server (no framework, no hooks, no
 * routing): what any Node server pays on this machine to send that body.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const body = readFileSync(process.env.BENCH_STATIC_FILE!)
const headers = { 'content-type': process.env.BENCH_STATIC_TYPE ?? 'application/octet-stream', 'content-length': String(body.length) }

const server = createServer((request, response) => {
  request.resume()
  response.writeHead(200, headers)
  response.end(request.method === 'HEAD' ? undefined : body)
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
process.on('SIGTERM', () => {
  server.closeAllConnections()
  server.close(() => process.exit(0))
})
