/** Requests to a loopback listener with exactly the Host and Origin headers a test names (fetch and undici set their own). */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'

export interface RawAnswer {
  /** The HTTP status code. */
  status: number
  /** Response headers, lower-case names. */
  headers: IncomingHttpHeaders
  /** The whole body as UTF-8 text ('' when there is none). */
  body: string
}

export interface RawRequest {
  /** The Host header sent, byte for byte. */
  host: string
  /** Defaults to GET. */
  method?: string
  /** Defaults to /api/version. */
  path?: string
  /** Further headers (Origin, Authorization...). */
  headers?: Record<string, string>
  /** A body to send, e.g. JSON text. */
  body?: string
}

/** One request to 127.0.0.1:port with exactly this Host header (fetch and undici would set their own). */
export function rawRequest (port: number, { host, method = 'GET', path = '/api/version', headers = {}, body }: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path, agent: false, headers: { ...headers, host } }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => { text += chunk })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }))
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

/** The status line of a request written byte for byte (node:http cannot send an empty or missing Host). */
export function rawStatusLine (port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(head))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => { text += chunk })
    socket.on('error', reject)
    socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''))
  })
}

/** The port of a listener URL such as `http://127.0.0.1:40961`. */
export function portOf (url: string): number {
  return Number(new URL(url).port)
}
