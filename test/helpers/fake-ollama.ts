/**
 * A fake Ollama server speaking Ollama's own wire format: GET /api/tags and POST /api/chat (and /api/generate for fill-in-the-middle) answered
 * as NDJSON (one object per line, a `done: true` line with counts and nanosecond timings, or an
 * `{"error"}` line mid-stream). The scenario is chosen by model name: `qwen3*` thinks, `*tools*` (or any
 * request with tools) calls a tool, `*error*` fails after a line, `*slow*` streams until the caller goes, unknown names 404.
 */
import type { ServerResponse } from 'node:http'
import { delay, startFakeServer, type FakeServer } from './fake-server.js'

export interface FakeOllama extends FakeServer {
  /** The /api/tags entries; tests may add to it to see a refresh. */
  tags: Array<Record<string, unknown>>
}

export const FAKE_TIMINGS = {
  total_duration: 900_000_000,
  load_duration: 100_000_000,
  prompt_eval_count: 26,
  prompt_eval_duration: 200_000_000,
  eval_count: 7,
  eval_duration: 500_000_000
}

function tag (name: string, family: string, capabilities?: string[]): Record<string, unknown> {
  return {
    name,
    model: name,
    modified_at: '2026-11-01T10:00:00.123456789+01:00',
    size: 2_019_393_189,
    digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
    details: { parent_model: '', format: 'gguf', family, families: [family], parameter_size: '3.2B', quantization_level: 'Q4_K_M', ...(family === 'qwen3' ? { context_length: 40_960 } : {}) },
    ...(capabilities === undefined ? {} : { capabilities })
  }
}

const line = (value: unknown): string => JSON.stringify(value) + '\n'
const chunk = (model: string, message: Record<string, unknown>) => ({ model, created_at: '2026-11-25T01:00:00.123Z', message: { role: 'assistant', content: '', ...message }, done: false })
const done = (model: string, reason = 'stop') => ({ model, created_at: '2026-11-25T01:00:01.5Z', message: { role: 'assistant', content: '' }, done: true, done_reason: reason, ...FAKE_TIMINGS })

/** The log probability the fake gives every token when a request asks for logprobs. */
export const OLLAMA_FAKE_LOGPROB = -0.5

/** A content line as Ollama writes it with `logprobs: true`: one entry for its token, and `top_logprobs` alternatives (`alt1`...). */
function withLogprobs (line: Record<string, unknown>, body: Record<string, unknown>): Record<string, unknown> {
  const content = (line.message as { content?: string } | undefined)?.content
  if (body.logprobs !== true || typeof content !== 'string' || content === '') return line
  const top = typeof body.top_logprobs === 'number' ? body.top_logprobs : 0
  const bytes = [...Buffer.from(content, 'utf8')]
  const alternatives = [{ token: content, logprob: OLLAMA_FAKE_LOGPROB, bytes }, ...Array.from({ length: top }, (_, index) => ({ token: `alt${index + 1}`, logprob: -(index + 2), bytes: [...Buffer.from(`alt${index + 1}`)] }))].slice(0, top)
  return { ...line, logprobs: [{ token: content, logprob: OLLAMA_FAKE_LOGPROB, bytes, ...(top > 0 ? { top_logprobs: alternatives } : {}) }] }
}

async function chat (body: Record<string, unknown>, response: ServerResponse, gone: () => boolean, known: boolean): Promise<void> {
  const model = String(body.model ?? '')
  if (!known) {
    response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' })
    response.end(JSON.stringify({ error: `model '${model}' not found` }))
    return
  }
  response.writeHead(200, { 'content-type': 'application/x-ndjson' })
  if (model.includes('error')) {
    response.write(line(chunk(model, { content: 'Hello' })))
    await delay(10)
    response.end(line({ error: 'an error was encountered while running the model: unexpected EOF' }))
    return
  }
  if (model.includes('slow')) {
    for (let index = 0; index < 2000 && !gone(); index++) {
      response.write(line(chunk(model, { content: `token${index} ` })))
      await delay(10)
    }
    response.end(line(done(model)))
    return
  }
  if (model.includes('tools') || Array.isArray(body.tools)) {
    response.write(line(chunk(model, { tool_calls: [{ id: 'call_up7x2k9q', function: { index: 0, name: 'get_weather', arguments: { city: 'Tokyo' } } }] })))
    response.end(line(done(model)))
    return
  }
  if (model.startsWith('qwen3')) {
    response.write(line(chunk(model, { thinking: 'Let me think. ' })) + line(chunk(model, { thinking: 'Done thinking.' })))
    response.write(line(chunk(model, { content: 'The answer ' })))
    // The last object arrives without its newline, as a server closing the stream may send it.
    response.end(line(chunk(model, { content: 'is 4.' })) + JSON.stringify(done(model, 'length')))
    return
  }
  response.write(line(withLogprobs(chunk(model, { content: 'Hello' }), body)) + line(withLogprobs(chunk(model, { content: ' from' }), body)))
  response.end(line(withLogprobs(chunk(model, { content: ' Ollama!' }), body)) + line(done(model)))
}

export async function startFakeOllama (): Promise<FakeOllama> {
  const tags = [
    tag('llama3.2:latest', 'llama', ['completion', 'tools', 'vision']),
    tag('qwen3:8b', 'qwen3', ['completion', 'tools', 'thinking']),
    tag('nomic-embed-text:latest', 'nomic-bert', ['embedding']),
    tag('hf.co/org/old-model:Q4_K_M', 'llama'),
    tag('error-model:latest', 'llama', ['completion']),
    tag('slow-model:latest', 'llama', ['completion']),
    tag('qwen2.5-coder:1.5b', 'qwen2', ['completion', 'insert'])
  ]
  const server = await startFakeServer(async (call, response, gone) => {
    if (call.method === 'GET' && call.url === '/api/tags') {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      response.end(JSON.stringify({ models: tags }))
      return
    }
    if (call.method === 'POST' && call.url === '/api/chat') {
      const model = String(call.body.model ?? '')
      const known = tags.some((entry) => entry.name === model || entry.name === `${model}:latest`)
      await chat(call.body, response, gone, known)
      return
    }
    if (call.method === 'POST' && call.url === '/api/embed') {
      const inputs = Array.isArray(call.body.input) ? call.body.input as string[] : [String(call.body.input)]
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      // A vector per input that depends on its position and length, so order mistakes show.
      const embeddings = inputs.map((input, index) => [index, input.length, 0.5])
      response.end(JSON.stringify({ model: call.body.model, embeddings, total_duration: 1_000_000, load_duration: 100, prompt_eval_count: inputs.length * 2 }))
      return
    }
    if (call.method === 'POST' && call.url === '/api/generate') {
      // Fill-in-the-middle: generate-shaped lines with `response`.
      const model = String(call.body.model ?? '')
      response.writeHead(200, { 'content-type': 'application/x-ndjson' })
      response.write(line({ model, created_at: '2026-11-25T01:00:00.1Z', response: 'a, b):\n    c = a + b\n    ', done: false }))
      response.end(line({ model, created_at: '2026-11-25T01:00:00.2Z', response: '', done: true, done_reason: 'stop', context: [1, 2, 3], ...FAKE_TIMINGS }))
      return
    }
    response.writeHead(404, { 'content-type': 'text/plain' })
    response.end('404 page not found')
  })
  return Object.assign(server, { tags })
}
