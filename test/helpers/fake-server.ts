/**
 * A loopback HTTP server for the native-protocol fakes (Anthropic, Gemini, Ollama): it records every
 * call (method, path with query, headers, parsed body) and counts open sockets; the answer is the fake's.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface RecordedRequest {
  method: string
  /** Path and query string, exactly as received. */
  url: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown>
  aborted: boolean
}

export interface FakeServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string
  calls: RecordedRequest[]
  /** Model-list reads, when the fake says which requests those are (`isListCall`): kept apart so they never shift `calls`. */
  listCalls: RecordedRequest[]
  openSockets(): number
  waitForNoSockets(timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export type FakeHandler = (call: RecordedRequest, response: ServerResponse, gone: () => boolean) => Promise<void>

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A fake's live model list: the entries it answers (in its provider's shape) and a failure status a test may set. */
export interface FakeModelList {
  listed: Array<Record<string, unknown>>
  listFailure: number | undefined
}

export async function startFakeServer (handler: FakeHandler, isListCall: (method: string, url: string) => boolean = () => false): Promise<FakeServer> {
  const calls: RecordedRequest[] = []
  const listCalls: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  const server = createServer((request, response) => {
    const pieces: Buffer[] = []
    request.on('data', (piece: Buffer) => pieces.push(piece))
    request.on('end', () => {
      let body: Record<string, unknown> = {}
      try {
        body = JSON.parse(Buffer.concat(pieces).toString('utf8')) as Record<string, unknown>
      } catch {}
      const call: RecordedRequest = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body, aborted: false }
      if (isListCall(call.method, call.url)) listCalls.push(call)
      else calls.push(call)
      response.once('close', () => {
        if (!response.writableFinished) call.aborted = true
      })
      handler(call, response, () => call.aborted || response.destroyed).catch(() => response.destroy())
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    listCalls,
    openSockets: () => sockets.size,
    async waitForNoSockets (timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      while (sockets.size > 0) {
        if (Date.now() > deadline) throw new Error(`${sockets.size} upstream sockets still open`)
        await delay(5)
      }
    },
    async close () {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
