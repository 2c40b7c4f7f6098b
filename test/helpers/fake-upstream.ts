/**
 * A fake OpenAI-compatible upstream over real HTTP on loopback. The scenario is chosen by the
 * requested model name (`fake-tools`, `fake-401`, ...); anything else streams a short text answer.
 * It records what it received and counts open sockets, so tests can assert on both sides.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { answerEmbeddings } from './fake-embeddings.js'

export interface RecordedCall {
  path: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown>
  /** True when the caller went away before the answer was complete. */
  aborted: boolean
  /** Date.now() when the request arrived. */
  at: number
}

export interface FakeUpstream {
  /** Base URL to configure as the provider's base URL (ends in /v1). */
  url: string
  /** Every request but the model-list reads. */
  calls: RecordedCall[]
  /** `GET …/models` and `GET …/api/tags` reads (the live model list), kept apart so they never shift `calls`. */
  listCalls: RecordedCall[]
  /** The `data` entries `GET …/models` answers; tests add to it (OpenAI's shape plus any provider's extra fields). */
  listed: Array<Record<string, unknown>>
  /** When set, `GET …/models` answers this status (a gateway without a list, a refused key) instead of the list. */
  listFailure: number | undefined
  openSockets(): number
  /** Requests whose answer has neither finished nor been abandoned yet. */
  openRequests(): number
  /** Resolves once no socket is open, or rejects after `timeoutMs`. */
  waitForNoSockets(timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export const FAKE_USAGE = { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 }

type Chunk = Record<string, unknown>

function contentChunk (content: string, finishReason: string | null = null): Chunk {
  return { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [{ index: 0, delta: { content }, finish_reason: finishReason }], usage: null }
}

function finishChunk (reason: string): Chunk {
  return { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [{ index: 0, delta: {}, finish_reason: reason }], usage: null }
}

const usageChunk: Chunk = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [], usage: FAKE_USAGE }

/** The chunks of each streamed scenario, in order. */
export function scenarioChunks (model: string): Chunk[] {
  if (model.includes('reasoning-tools')) {
    // DeepSeek V4's shape in thinking mode: reasoning_content first, then the call.
    return [
      { choices: [{ index: 0, delta: { role: 'assistant', content: null, reasoning_content: 'I need the weather ' } }] },
      { choices: [{ index: 0, delta: { reasoning_content: 'tool.' } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_up1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } }] } }] },
      finishChunk('tool_calls'),
      usageChunk
    ]
  }
  if (model.includes('reasoning')) {
    return [
      { choices: [{ index: 0, delta: { role: 'assistant', reasoning_content: 'Let me think. ' } }] },
      { choices: [{ index: 0, delta: { reasoning_content: 'Done thinking.' } }] },
      contentChunk('The answer is 4.'),
      finishChunk('stop'),
      usageChunk
    ]
  }
  if (model.includes('tools-whole')) {
    // Mistral's shape: whole calls without index, text around them, usage on the finish chunk.
    return [
      contentChunk('Let me check. '),
      { choices: [{ index: 0, delta: { tool_calls: [{ id: 'gSIMJiOkT', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ id: 'hTJNKjPlU', function: { name: 'get_time', arguments: '{"zone":"JST"}' } }] } }] },
      contentChunk('One moment.'),
      { ...finishChunk('tool_calls'), usage: FAKE_USAGE }
    ]
  }
  if (model.includes('json')) return [contentChunk('{"age"'), contentChunk(': 42 '), contentChunk('}'), finishChunk('stop'), usageChunk]
  if (model.includes('tools')) {
    return [
      { choices: [{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_up1', type: 'function', function: { name: 'get_weather', arguments: '' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: '', function: { arguments: '{"city":' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"Tokyo"}' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 1, id: 'call_up2', type: 'function', function: { name: 'get_time', arguments: '{}' } }] } }] },
      finishChunk('tool_calls'),
      usageChunk
    ]
  }
  if (model.includes('length')) return [contentChunk('Cut'), contentChunk(' short'), finishChunk('length'), usageChunk]
  if (model.includes('utf8')) return [contentChunk('你好，世界'), finishChunk('stop'), usageChunk]
  return [contentChunk('Hello'), contentChunk(' world'), contentChunk('!'), finishChunk('stop'), usageChunk]
}

function nonStreamBody (model: string): Chunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello world!' }, finish_reason: 'stop' }],
    usage: FAKE_USAGE
  }
}

/** Every chosen token's log probability in the fake's answers; alternative i (from 1) has `-(i + 1)`. */
export const FAKE_LOGPROB = -0.125

/** OpenAI's entry for one token: its UTF-8 bytes, and with `top` > 0 the token itself then `alt1`... as the most likely. */
function tokenLogprob (token: string, top: number): Record<string, unknown> {
  const bytes = [...Buffer.from(token, 'utf8')]
  const alternatives = Array.from({ length: Math.max(0, top - 1) }, (_, index) => ({ token: `alt${index + 1}`, logprob: -(index + 2), bytes: [...Buffer.from(`alt${index + 1}`)] }))
  return { token, logprob: FAKE_LOGPROB, bytes, top_logprobs: top > 0 ? [{ token, logprob: FAKE_LOGPROB, bytes }, ...alternatives] : [] }
}

/**
 * A chunk as OpenAI streams it when the request asked for logprobs: each content delta's choice gets
 * `logprobs: {content: [one entry per token], refusal: null}` (the fake's pieces are one token each); others `logprobs: null`.
 */
function withLogprobs (chunk: Chunk, body: Record<string, unknown>): Chunk {
  if (body.logprobs !== true || !Array.isArray(chunk.choices) || chunk.choices.length === 0) return chunk
  const top = typeof body.top_logprobs === 'number' ? body.top_logprobs : 0
  const choices = (chunk.choices as Array<Record<string, unknown>>).map((choice) => {
    const content = (choice.delta as { content?: unknown } | undefined)?.content
    if (typeof content !== 'string' || content === '') return { ...choice, logprobs: null }
    return { ...choice, logprobs: { content: [tokenLogprob(content, top)], refusal: null } }
  })
  return { ...chunk, choices }
}

/** A legacy completion chunk's logprobs when the request sent `logprobs: n`: parallel lists, alternatives as `{token: logprob}`. */
function withLegacyLogprobs (chunk: Chunk, body: Record<string, unknown>): Chunk {
  if (typeof body.logprobs !== 'number') return chunk
  const choices = (chunk.choices as Array<Record<string, unknown>>).map((choice) => {
    const text = String(choice.text ?? '')
    if (text === '') return { ...choice, logprobs: null }
    const top: Record<string, number> = { [text]: FAKE_LOGPROB }
    for (let index = 1; index < (body.logprobs as number); index++) top[`alt${index}`] = -(index + 1)
    return { ...choice, logprobs: { tokens: [text], token_logprobs: [FAKE_LOGPROB], top_logprobs: [top], text_offset: [0] } }
  })
  return { ...chunk, choices }
}

const sse = (value: unknown): string => `data: ${typeof value === 'string' ? value : JSON.stringify(value)}\n\n`

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The turn after tool results: a final answer that uses them. */
export const AFTER_TOOLS_TEXT = 'Sunny in Tokyo.'

/** Legacy completions (fill-in-the-middle): the middle streamed in `choices[].text`. */
export const FIM_PIECES = ['  return a', ' + b\n']

function completionChunk (text: string, finishReason: string | null = null): Chunk {
  return { id: 'cmpl-1', object: 'text_completion', created: 1, model: 'fake', choices: [{ index: 0, text, finish_reason: finishReason }] }
}

async function answer (model: string, stream: boolean, response: ServerResponse, gone: () => boolean, callNumber: number, path = '/chat/completions', body: Record<string, unknown> = {}): Promise<void> {
  // fake-flaky-<status|drop>-<n>: the first n calls for this model name fail, later ones answer normally.
  const flaky = /fake-flaky-(\d{3}|drop)-(\d+)/.exec(model)
  if (flaky !== null && callNumber <= Number(flaky[2])) {
    if (flaky[1] === 'drop') {
      response.socket?.destroy()
      return
    }
    const status = Number(flaky[1])
    response.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '1' } : {}) })
    response.end(JSON.stringify({ error: { message: `flaky failure ${callNumber}`, type: 'server_error' } }))
    return
  }
  if (!path.endsWith('/chat/completions') && path.endsWith('/completions') && stream) {
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    for (const piece of FIM_PIECES) response.write(sse(withLegacyLogprobs(completionChunk(piece), body)))
    response.end(sse(completionChunk('', 'stop')) + sse({ ...completionChunk(''), choices: [], usage: FAKE_USAGE }) + sse('[DONE]'))
    return
  }
  if (model.includes('nonexistent') || model === 'nope') {
    // OpenAI's answer for a model it does not serve.
    response.writeHead(404, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ error: { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', param: null, code: 'model_not_found' } }))
    return
  }
  const messages = Array.isArray(body.messages) ? body.messages as Array<{ role?: string }> : []
  if (model.includes('tools') && stream && messages.at(-1)?.role === 'tool') {
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    response.end(sse(contentChunk(AFTER_TOOLS_TEXT)) + sse(finishChunk('stop')) + sse(usageChunk) + sse('[DONE]'))
    return
  }
  const errorStatus = /fake-(\d{3})/.exec(model)
  if (errorStatus !== null) {
    const status = Number(errorStatus[1])
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (status === 429) headers['retry-after'] = '7'
    response.writeHead(status, headers)
    response.end(JSON.stringify({ error: { message: `Incorrect API key provided: sk-test-secret-key. (${status})`, type: 'invalid_request_error', param: null, code: null } }))
    return
  }
  if (model.includes('stall')) return // never answers; the caller must give up
  if (model.includes('idle') && stream) {
    // One token, then silence with the connection open: the idle timeout must end it.
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    response.write(sse(contentChunk('Hello')))
    return
  }
  if (!stream) {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify(nonStreamBody(model)))
    return
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  if (model.includes('slow')) {
    for (let index = 0; index < 2000 && !gone(); index++) {
      response.write(sse(contentChunk(`token${index} `)))
      await delay(10)
    }
    response.end(sse(finishChunk('stop')) + sse('[DONE]'))
    return
  }
  if (model.includes('steady')) {
    // A finite stream that lasts a few hundred milliseconds: long enough to be open during a shutdown.
    for (let index = 0; index < 20 && !gone(); index++) {
      response.write(sse(contentChunk(`t${index} `)))
      await delay(15)
    }
    response.end(sse(finishChunk('stop')) + sse(usageChunk) + sse('[DONE]'))
    return
  }
  if (model.includes('reset')) {
    response.write(sse(contentChunk('Hello')))
    await delay(20)
    response.socket?.destroy()
    return
  }
  if (model.includes('error-event')) {
    response.write(sse(contentChunk('Hello')))
    response.end(sse({ error: { message: 'upstream overloaded', type: 'server_error' } }))
    return
  }
  if (model.includes('early-error')) {
    response.end(sse({ error: { message: 'content filtered before any token', type: 'invalid_request_error' } }))
    return
  }
  if (model.includes('malformed')) {
    response.write(sse(contentChunk('Hello')))
    response.end('data: {"choices": [\n\n')
    return
  }
  if (model.includes('truncated')) {
    response.end(sse(contentChunk('Hello')))
    return
  }
  if (model.includes('utf8')) {
    // A multibyte character split across two writes must survive decoding.
    const frame = Buffer.from(sse(contentChunk('你好，世界')))
    response.write(frame.subarray(0, 40))
    await delay(10)
    response.write(frame.subarray(40))
    response.end(sse(finishChunk('stop')) + sse(usageChunk) + sse('[DONE]'))
    return
  }
  for (const chunk of scenarioChunks(model)) response.write(sse(withLogprobs(chunk, body)))
  response.end(sse('[DONE]'))
}

export async function startFakeUpstream (): Promise<FakeUpstream> {
  const calls: RecordedCall[] = []
  const fake: Pick<FakeUpstream, 'listCalls' | 'listed' | 'listFailure'> = { listCalls: [], listed: [], listFailure: undefined }
  const callsPerModel = new Map<string, number>()
  let openRequests = 0
  const sockets = new Set<Socket>()
  const server = createServer((request, response) => {
    const pieces: Buffer[] = []
    request.on('data', (piece: Buffer) => pieces.push(piece))
    request.on('end', () => {
      let body: Record<string, unknown> = {}
      try {
        body = JSON.parse(Buffer.concat(pieces).toString('utf8')) as Record<string, unknown>
      } catch {}
      const call: RecordedCall = { path: request.url ?? '', headers: request.headers, body, aborted: false, at: Date.now() }
      if (request.method === 'GET' && /\/models(\?|$)|\/api\/tags$/.test(call.path)) {
        fake.listCalls.push(call)
        answerList(fake, response, call.path.endsWith('/api/tags'))
        return
      }
      calls.push(call)
      const model = String(body.model ?? '')
      const callNumber = (callsPerModel.get(model) ?? 0) + 1
      callsPerModel.set(model, callNumber)
      openRequests += 1
      response.once('close', () => {
        openRequests -= 1
        if (!response.writableFinished) call.aborted = true
      })
      if (call.path.endsWith('/embeddings')) {
        answerEmbeddings(body, response, callNumber).catch(() => response.destroy())
        return
      }
      answer(model, body.stream === true, response, () => call.aborted || response.destroyed, callNumber, call.path, body).catch(() => response.destroy())
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/v1`,
    calls,
    openSockets: () => sockets.size,
    openRequests: () => openRequests,
    async waitForNoSockets (timeoutMs = 2000) {
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
  })
}

/** The model list, or the failure a test set; OpenAI's `{"object":"list","data":[…]}`. */
function answerList (fake: Pick<FakeUpstream, 'listed' | 'listFailure'>, response: ServerResponse, ollamaTags: boolean): void {
  if (fake.listFailure !== undefined) {
    response.writeHead(fake.listFailure, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ error: { message: `list failure ${fake.listFailure}`, type: 'server_error' } }))
    return
  }
  response.writeHead(200, { 'content-type': 'application/json' })
  // An Ollama upstream pointed here (tests that activate every provider) reads /api/tags: no models.
  response.end(JSON.stringify(ollamaTags ? { models: [] } : { object: 'list', data: fake.listed }))
}
