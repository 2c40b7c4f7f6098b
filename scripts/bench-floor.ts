/**
 * Bench helper process: the Node floor, printing its URL (BENCH_FLOOR_UPSTREAM's path kept, as nginx's is) on its
 * first stdout line. A minimal Node proxy, as lean as a Node implementation of this hop can be: a node:http server
 * that forwards each request's method, path and body (streamed, with its content-type and content-length) to
 * BENCH_FLOOR_UPSTREAM through one undici Pool (keep-alive), and pipes the answer back unchanged (status,
 * content-type, content-length when the upstream gave one, then the body as it arrives). Nothing else: no parsing,
 * no translation, no hooks. What any Node service pays on this machine to relay /api/chat.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Pool } from 'undici'

const upstream = new URL(process.env.BENCH_FLOOR_UPSTREAM!)
const pool = new Pool(upstream.origin, { keepAliveTimeout: 60_000 })

/** The body's framing headers, which a relay must pass on for the bytes to mean the same. */
function framing (headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const name of ['content-type', 'content-length']) {
    const value = headers[name]
    if (typeof value === 'string') kept[name] = value
  }
  return kept
}

const server = createServer((request, response) => {
  pool.stream({
    path: request.url!,
    method: request.method as 'POST',
    headers: framing(request.headers),
    body: request.method === 'GET' || request.method === 'HEAD' ? null : request
  }, ({ statusCode, headers }) => {
    response.writeHead(statusCode, framing(headers))
    return response
  }, (error) => {
    if (error === null) return
    if (response.headersSent) response.destroy(error)
    else response.writeHead(502).end()
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}${upstream.pathname}`)
})
process.on('SIGTERM', () => {
  server.closeAllConnections()
  server.close(() => { void pool.close().then(() => process.exit(0)) })
})
