/**
 * Bench helper process: a zero-work OpenAI-compatible upstream, printing its URL on the first stdout line.
 * Answers are precomputed buffers chosen by the requested model name, so the upstream's own cost stays small
 * and equal for every caller (direct, nginx, the service):
 * - `bench-<n>`: `n` streamed content chunks, a finish chunk and a usage chunk (or one JSON body when not streamed);
 * - `trickle-<n>-<ms>`: `n` chunks, one every `ms` milliseconds, each carrying its send time (`Date.now()`) as its
 *   content, for the open-streams run to measure how long the service held it;
 * - `GET …/models`: BENCH_LISTED_MODELS (comma-separated) as OpenAI's model list, for live listings.
 */
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

const listed = (process.env.BENCH_LISTED_MODELS ?? '').split(',').filter((name) => name !== '')
const modelList = Buffer.from(JSON.stringify({ object: 'list', data: listed.map((id) => ({ id, object: 'model', created: 1, owned_by: 'bench' })) }))

const sse = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`
const chunk = (content: string, finishReason: string | null = null) =>
  ({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: { content }, finish_reason: finishReason }] })
const usage = { prompt_tokens: 12, completion_tokens: 20, total_tokens: 32 }
const tail = sse({ ...chunk('', 'stop'), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) +
  sse({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [], usage }) + 'data: [DONE]\n\n'

const streamed = new Map<number, Buffer>()
function streamedAnswer (chunks: number): Buffer {
  let answer = streamed.get(chunks)
  if (answer === undefined) {
    answer = Buffer.from(Array.from({ length: chunks }, (_, index) => sse(chunk(`tok${index} `))).join('') + tail)
    streamed.set(chunks, answer)
  }
  return answer
}
const jsonAnswer = Buffer.from(JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1,
  model: 'bench',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello world!' }, finish_reason: 'stop' }],
  usage
}))

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }

function trickle (response: ServerResponse, chunks: number, intervalMs: number): void {
  response.writeHead(200, SSE_HEADERS)
  let sent = 0
  const next = () => {
    if (response.destroyed) return
    if (sent === chunks) {
      response.end(tail)
      return
    }
    sent += 1
    response.write(sse(chunk(String(Date.now()))))
    setTimeout(next, intervalMs)
  }
  setTimeout(next, intervalMs)
}

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url?.endsWith('/models') === true) {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': modelList.length })
    response.end(modelList)
    return
  }
  const parts: Buffer[] = []
  request.on('data', (part: Buffer) => parts.push(part))
  request.on('end', () => {
    const text = Buffer.concat(parts).toString('latin1')
    const model = /"model"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? ''
    const stream = /"stream"\s*:\s*true/.test(text)
    const trickleShape = /^trickle-(\d+)-(\d+)$/.exec(model)
    if (trickleShape !== null) {
      trickle(response, Number(trickleShape[1]), Number(trickleShape[2]))
      return
    }
    if (!stream) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': jsonAnswer.length })
      response.end(jsonAnswer)
      return
    }
    const answer = streamedAnswer(Number(/^bench-(\d+)$/.exec(model)?.[1] ?? 20))
    response.writeHead(200, SSE_HEADERS)
    response.end(answer)
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`)
})
process.on('SIGTERM', () => {
  server.closeAllConnections()
  server.close(() => process.exit(0))
})
