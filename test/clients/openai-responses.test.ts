import t from 'tap'
import { gzipSync } from 'node:zlib'
import OpenAI from 'openai'
import { request } from 'undici'
import { compress, init as initZstd } from '@bokuweb/zstd-wasm'
import { FAKE_MODELS, listenTestApp, TEST_API_KEY } from '../helpers/build-app.js'
import { startFakeUpstream } from '../helpers/fake-upstream.js'

// A 1x1 PNG, as a client would attach a screenshot.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/** The app on the OpenAI-shaped fake, plus DeepSeek's real preset on a second fake, for thinking. */
async function client (t: Parameters<typeof listenTestApp>[0]) {
  const deepseek = await startFakeUpstream()
  t.teardown(() => deepseek.close())
  const context = await listenTestApp(t, {
    OPENAI_MODELS: [...FAKE_MODELS, 'fake-json'].join(','),
    DEEPSEEK_API_KEY: TEST_API_KEY,
    DEEPSEEK_BASE_URL: deepseek.url,
    DEEPSEEK_MODELS: 'fake-reasoning,fake-length'
  })
  // The SDK's retries would hide error statuses behind several upstream calls.
  return { ...context, deepseek, openai: new OpenAI({ baseURL: `${context.url}/v1`, apiKey: 'ollama', maxRetries: 0 }) }
}

// The encoder's wasm module is set up once per process: a second init breaks the first's compressor.
await initZstd()

const message = (text: string, status = 'completed') => ({ type: 'message', status, content: [{ type: 'output_text', annotations: [], logprobs: [], text }], role: 'assistant' })
/** The answer's text read from its message items (the SDK adds `output_text` to create()'s answers only). */
const textOf = (response: { output: ReadonlyArray<{ type: string, content?: ReadonlyArray<{ type: string, text?: string }> }> }): string =>
  response.output.flatMap((item) => item.type === 'message' ? (item.content ?? []).map((part) => part.text ?? '') : []).join('')
const usage = (input: number, output: number) => ({
  input_tokens: input,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: output,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: input + output
})

t.test('responses.create: a response object with the text, usage and the settings echoed', async (t) => {
  const { openai, upstream } = await client(t)
  const response = await openai.responses.create({
    model: 'openai/fake-text',
    instructions: 'Be brief.',
    input: 'Hello',
    temperature: 0.2,
    max_output_tokens: 50,
    metadata: { ticket: '7' },
    store: true
  })
  t.match(response.id, /^resp_[A-Za-z0-9]{32}$/)
  t.match(response, {
    object: 'response',
    status: 'completed',
    model: 'openai/fake-text',
    error: null,
    incomplete_details: null,
    instructions: 'Be brief.',
    previous_response_id: null,
    temperature: 0.2,
    top_p: 1,
    max_output_tokens: 50,
    tool_choice: 'auto',
    tools: [],
    parallel_tool_calls: true,
    text: { format: { type: 'text' } },
    store: false,
    metadata: { ticket: '7' },
    usage: usage(12, 3)
  })
  t.equal(typeof response.created_at, 'number')
  t.equal(response.output.length, 1)
  t.match(response.output[0], { id: /^msg_[A-Za-z0-9]{32}$/, ...message('Hello world!') })
  t.equal(response.output_text, 'Hello world!', 'the SDK finds the text')
  t.match(upstream.calls[0]!.body, {
    model: 'fake-text',
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }],
    temperature: 0.2,
    max_completion_tokens: 50
  })
  t.not((await openai.responses.create({ model: 'openai/fake-text', input: 'Hello' })).id, response.id, 'ids differ per answer')
})

t.test('responses.stream: named events with rising sequence numbers, and the same final response', async (t) => {
  const { openai, url } = await client(t)
  const stream = openai.responses.stream({ model: 'openai/fake-text', input: [{ role: 'user', content: 'Hello' }] })
  const events = []
  for await (const event of stream) events.push(event)
  const final = await stream.finalResponse()
  t.same(events.map((event) => event.type), [
    'response.created', 'response.in_progress',
    'response.output_item.added', 'response.content_part.added',
    'response.output_text.delta', 'response.output_text.delta', 'response.output_text.delta',
    'response.output_text.done', 'response.content_part.done', 'response.output_item.done',
    'response.completed'
  ])
  t.same(events.map((event) => event.sequence_number), events.map((_event, index) => index))
  t.match(events[0], { response: { status: 'in_progress', output: [], usage: null } })
  t.same(events.flatMap((event) => event.type === 'response.output_text.delta' ? [event.delta] : []), ['Hello', ' world', '!'])
  t.equal(textOf(final), 'Hello world!')
  t.equal(final.status, 'completed')
  t.same(final.usage, usage(12, 3))
  t.equal(final.id, (events[0] as { response: { id: string } }).response.id)

  // On the wire: each frame's `event:` line names the type its data carries.
  const raw = await request(`${url}/v1/responses`, { method: 'POST', body: JSON.stringify({ model: 'openai/fake-text', input: 'Hello', stream: true }) })
  t.match(raw.headers['content-type'], /^text\/event-stream/)
  const frames = (await raw.body.text()).split('\n\n').filter((frame) => frame !== '')
  t.equal(frames.length, 11)
  for (const frame of frames) {
    const [eventLine, dataLine] = frame.split('\n')
    t.equal(eventLine, `event: ${(JSON.parse(dataLine!.slice('data: '.length)) as { type: string }).type}`)
  }
})

t.test('thinking becomes a reasoning item with its summary; reasoning.effort reaches the provider\'s switch', async (t) => {
  const { openai, deepseek } = await client(t)
  const response = await openai.responses.create({ model: 'deepseek/fake-reasoning', input: '2+2?', reasoning: { effort: 'high', summary: 'auto' } })
  t.equal(response.output.length, 2)
  t.match(response.output[0], { id: /^rs_/, type: 'reasoning', summary: [{ type: 'summary_text', text: 'Let me think. Done thinking.' }], encrypted_content: /^oadp1\.[A-Za-z0-9_-]+$/ })
  t.match(response.output[1], message('The answer is 4.'))
  t.same(response.reasoning, { effort: 'high', summary: 'auto' })
  t.match(deepseek.calls[0]!.body, { thinking: { type: 'enabled' }, reasoning_effort: 'high' })

  const stream = openai.responses.stream({ model: 'deepseek/fake-reasoning', input: '2+2?', reasoning: { effort: 'high' } })
  const types = []
  const summaryDeltas = []
  for await (const event of stream) {
    types.push(event.type)
    if (event.type === 'response.reasoning_summary_text.delta') summaryDeltas.push([event.summary_index, event.delta])
  }
  t.same(types.slice(0, 9), [
    'response.created', 'response.in_progress',
    'response.output_item.added', 'response.reasoning_summary_part.added',
    'response.reasoning_summary_text.delta', 'response.reasoning_summary_text.delta',
    'response.reasoning_summary_text.done', 'response.reasoning_summary_part.done', 'response.output_item.done'
  ])
  t.same(summaryDeltas, [[0, 'Let me think. '], [0, 'Done thinking.']])
  const final = await stream.finalResponse()
  t.same(final.output.map((item) => item.type), ['reasoning', 'message'])
  t.equal(textOf(final), 'The answer is 4.')
})

t.test('an answer cut by the token limit is incomplete, streamed and not', async (t) => {
  const { openai } = await client(t)
  const response = await openai.responses.create({ model: 'openai/fake-length', input: 'Say something', max_output_tokens: 2 })
  t.match(response, { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } })
  t.match(response.output, [message('Cut short', 'incomplete')])
  const events = []
  for await (const event of await openai.responses.create({ model: 'openai/fake-length', input: 'Say something', stream: true })) events.push(event)
  t.equal(events.at(-1)!.type, 'response.incomplete')
  t.match(events.at(-1), { response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage: usage(12, 3) } })
})

t.test('text.format json_schema asks the upstream for structured output; images go up as data URLs', async (t) => {
  const { openai, upstream } = await client(t)
  const schema = { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'], additionalProperties: false }
  const response = await openai.responses.create({
    model: 'openai/fake-json',
    input: 'How old?',
    text: { format: { type: 'json_schema', name: 'person', schema, strict: true } }
  })
  t.same(JSON.parse(response.output_text), { age: 42 })
  t.same(response.text, { format: { type: 'json_schema', name: 'person', schema, strict: true }, verbosity: 'medium' })
  t.same(upstream.calls[0]!.body.response_format, { type: 'json_schema', json_schema: { name: 'response', schema } })

  await openai.responses.create({
    model: 'openai/gpt-4o',
    input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', detail: 'auto', image_url: `data:image/png;base64,${PNG}` }] }]
  })
  t.same(upstream.calls[1]!.body.messages, [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] }])
})

t.test('errors are OpenAI-shaped: unknown model, built-in tools, stateful requests, bad items, upstream failures', async (t) => {
  const { openai } = await client(t)
  const unknown = await openai.responses.create({ model: 'openai/nope', input: 'x' }).catch((error: unknown) => error)
  t.ok(unknown instanceof OpenAI.NotFoundError)
  t.match(unknown, { status: 404, error: { message: "model 'openai/nope' not found", type: 'not_found_error', param: null, code: null } })

  const cases: Array<[Record<string, unknown>, number, string | RegExp]> = [
    [{ model: 'openai/fake-text', input: 'x', tools: [{ type: 'web_search' }] }, 400, "tools[0]: tool type 'web_search' is not supported: this server runs no built-in tools, only type 'function' (Codex: set web_search = \"disabled\")"],
    [{ model: 'openai/fake-text', input: 'x', tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }] }, 400, /tool type 'file_search' is not supported/],
    [{ model: 'openai/fake-text', input: 'x', previous_response_id: 'resp_123' }, 400, 'previous_response_id is not supported: this server is stateless and stores no responses: send the whole conversation in input'],
    [{ model: 'openai/fake-text', input: 'x', conversation: 'conv_1' }, 400, /^conversation is not supported: this server is stateless/],
    [{ model: 'openai/fake-text' }, 400, "Missing required parameter: 'input'."],
    [{ model: 'openai/fake-text', input: [{ type: 'computer_call_output', call_id: 'c' }] }, 400, 'input[0]: unknown input item type: "computer_call_output"'],
    [{ model: 'openai/fake-text', input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: '{not json' }] }, 400, /^failed to parse function call arguments/],
    [{ model: 'openai/fake-text', input: [{ type: 'reasoning', summary: [], encrypted_content: 'oadp1.bm90IGpzb24' }] }, 400, 'input[0].encrypted_content is not valid reasoning state from this server'],
    [{ model: 'openai/fake-text', input: 'x', reasoning: { effort: 'high' } }, 400, '"openai/fake-text" does not support thinking'],
    [{ model: 'openai/fake-text', input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://example.com/cat.png' }] }] }, 400, 'image URLs are not currently supported, please use base64 encoded data instead'],
    [{ model: 'openai/fake-429', input: 'x' }, 429, /^openai upstream error 429/],
    [{ model: 'openai/fake-early-error', input: 'x', stream: true }, 502, 'content filtered before any token']
  ]
  for (const [body, status, expected] of cases) {
    const error = await openai.responses.create(body as never).catch((caught: unknown) => caught)
    t.ok(error instanceof OpenAI.APIError, String(expected))
    t.match(error, { status, error: { message: expected, type: status === 400 ? 'invalid_request_error' : 'api_error', param: null, code: null } }, String(expected))
  }
})

t.test('an upstream failure after output began ends the stream with response.failed', async (t) => {
  const { openai } = await client(t)
  const events = []
  for await (const event of await openai.responses.create({ model: 'openai/fake-error-event', input: 'x', stream: true })) events.push(event)
  t.same(events.map((event) => event.type).slice(-2), ['response.output_text.delta', 'response.failed'])
  t.match(events.at(-1), { response: { status: 'failed', error: { code: 'server_error', message: 'upstream overloaded' }, output: [] } })
})

t.test('compressed bodies: zstd as Codex sends it, gzip; the body limit applies after decoding', async (t) => {
  const { url, upstream } = await client(t)
  // The SDK itself, with its request body compressed on the way out, as Codex compresses its own.
  const zstdClient = new OpenAI({
    baseURL: `${url}/v1`,
    apiKey: 'ollama',
    maxRetries: 0,
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers)
      headers.set('content-encoding', 'zstd')
      return await fetch(input, { ...init, headers, body: compress(Buffer.from(String(init?.body)), 3) })
    }
  })
  const response = await zstdClient.responses.create({ model: 'openai/fake-text', instructions: 'Be brief.', input: 'Hello' })
  t.equal(response.output_text, 'Hello world!')
  t.match(upstream.calls[0]!.body, { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }] })

  const gzipped = await request(`${url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync(JSON.stringify({ model: 'openai/fake-text', input: 'Hello' }))
  })
  t.equal(gzipped.statusCode, 200)
  t.match(await gzipped.body.json(), { status: 'completed', output: [message('Hello world!')] })

  // 20 KiB of zstd that decodes to 80 MiB: past the default 64 MiB body limit.
  const bomb = compress(Buffer.alloc(80 * 1024 * 1024, ' '), 19)
  t.ok(bomb.length < 64 * 1024)
  const tooLarge = await request(`${url}/v1/responses`, { method: 'POST', headers: { 'content-encoding': 'zstd' }, body: bomb })
  t.equal(tooLarge.statusCode, 413)
  t.same(await tooLarge.body.json(), { error: { message: 'request body too large', type: 'api_error', param: null, code: null } })

  const broken = await request(`${url}/v1/responses`, { method: 'POST', headers: { 'content-encoding': 'zstd' }, body: '{"model":"openai/fake-text","input":"x"}' })
  t.equal(broken.statusCode, 400)
  t.same(await broken.body.json(), { error: { message: 'failed to decompress zstd body', type: 'invalid_request_error', param: null, code: null } })

  const unsupported = await request(`${url}/v1/responses`, { method: 'POST', headers: { 'content-encoding': 'compress' }, body: 'x' })
  t.equal(unsupported.statusCode, 415)
  t.match(await unsupported.body.json(), { error: { message: 'unsupported Content-Encoding "compress": send the body uncompressed or as gzip, deflate, br or zstd' } })

  // Every route reads compressed bodies, not only this one.
  const chat = await request(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-encoding': 'zstd' },
    body: compress(Buffer.from(JSON.stringify({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }], stream: false })), 3)
  })
  t.match(await chat.body.json(), { message: { content: 'Hello world!' }, done: true })
})
