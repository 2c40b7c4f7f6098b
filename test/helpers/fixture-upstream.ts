/**
 * A fake upstream that replays recorded provider streams over real HTTP on loopback. A request to
 * `/<provider>/...` for model `<scenario>` answers with `test/fixtures/<provider>/<scenario>.chunks.txt`
 * (one JSON chunk per line sent as an SSE `data:` frame; lines starting with `:` are sent as SSE comments,
 * `[DONE]` as the sentinel) or with `<scenario>.error.json` (`{"status", "headers"?, "body"}`).
 */
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { RecordedCall } from './fake-upstream.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))

export interface FixtureUpstream {
  /** `http://127.0.0.1:PORT`; a provider's base URL is this plus `/<provider>/v1` (or any path under it). */
  origin: string
  calls: RecordedCall[]
  close(): Promise<void>
}

interface ErrorFixture {
  status: number
  headers?: Record<string, string>
  body: unknown
}

async function readFixture (provider: string, scenario: string, kind: 'chunks.txt' | 'error.json'): Promise<string | undefined> {
  try {
    return await readFile(`${FIXTURES}${provider}/${scenario}.${kind}`, 'utf8')
  } catch {
    return undefined
  }
}

export async function startFixtureUpstream (): Promise<FixtureUpstream> {
  const calls: RecordedCall[] = []
  const server: Server = createServer((request, response) => {
    const pieces: Buffer[] = []
    request.on('data', (piece: Buffer) => pieces.push(piece))
    request.on('end', () => {
      // Model-list reads get a gateway's 404 (no list here) and are not recorded: the app keeps its cards.
      if (request.method === 'GET') {
        response.writeHead(404, { 'content-type': 'text/plain' })
        response.end('404 page not found')
        return
      }
      const body = JSON.parse(Buffer.concat(pieces).toString('utf8') || '{}') as Record<string, unknown>
      calls.push({ path: request.url ?? '', headers: request.headers, body, aborted: false, at: Date.now() })
      const provider = (request.url ?? '').split('/')[1] ?? ''
      const scenario = String(body.model ?? '').replaceAll('/', '_')
      void (async () => {
        const failure = await readFixture(provider, scenario, 'error.json')
        if (failure !== undefined) {
          const fixture = JSON.parse(failure) as ErrorFixture
          response.writeHead(fixture.status, { 'content-type': 'application/json', ...fixture.headers })
          response.end(JSON.stringify(fixture.body))
          return
        }
        const chunks = await readFixture(provider, scenario, 'chunks.txt')
        if (chunks === undefined) {
          response.writeHead(404, { 'content-type': 'text/plain' })
          response.end(`no fixture ${provider}/${scenario}`)
          return
        }
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
        for (const line of chunks.split('\n').filter((candidate) => candidate.trim() !== '')) {
          response.write(line.startsWith(':') ? `${line}\n\n` : `data: ${line}\n\n`)
        }
        response.end()
      })().catch(() => response.destroy())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    calls,
    async close () {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
