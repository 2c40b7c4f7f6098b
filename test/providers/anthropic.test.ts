import t from 'tap'
import { Ollama, type Message } from 'ollama'
import { listenTestApp, TEST_API_KEY } from '../helpers/build-app.js'
import { ANTHROPIC_FAKE_MODELS, FAKE_SIGNATURE, startFakeAnthropic } from '../helpers/fake-anthropic.js'

const ANTHROPIC_KEY = 'sk-ant-test-anthropic-key'
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }]

async function client (t: Parameters<typeof listenTestApp>[0]) {
  const anthropic = await startFakeAnthropic()
  t.teardown(() => anthropic.close())
  const context = await listenTestApp(t, { ANTHROPIC_API_KEY: ANTHROPIC_KEY, ANTHROPIC_BASE_URL: anthropic.url, ANTHROPIC_MODELS: ANTHROPIC_FAKE_MODELS.join(',') })
  return { ...context, anthropic, ollama: new Ollama({ host: context.url }) }
}

t.test('chat, not streamed and streamed, with the key in x-api-key only', async (t) => {
  const { ollama, anthropic } = await client(t)
  const single = await ollama.chat({ model: 'anthropic/fake-text', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }] })
  t.equal(single.message.content, 'Hello world!')
  t.equal(single.done_reason, 'stop')
  t.equal(single.prompt_eval_count, 12, 'input tokens plus cached input tokens')
  t.equal(single.eval_count, 3)

  const parts: string[] = []
  let final
  for await (const part of await ollama.chat({ model: 'anthropic/fake-text', messages: [{ role: 'user', content: 'Hello' }], stream: true })) {
    parts.push(part.message.content)
    if (part.done) final = part
  }
  t.same(parts, ['Hello', ' world', '!', ''])
  t.match(final, { done: true, done_reason: 'stop', eval_count: 3 })

  const call = anthropic.calls[0]!
  t.equal(call.url, '/v1/messages', 'the key is never in the URL')
  t.equal(call.headers['x-api-key'], ANTHROPIC_KEY)
  t.equal(call.headers['anthropic-version'], '2023-06-01')
  t.equal(call.headers.authorization, undefined)
  t.match(call.body, { model: 'fake-text', stream: true, system: 'Be brief.', max_tokens: 8192, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }] })
  t.notOk(JSON.stringify(call.body).includes(TEST_API_KEY))
})

t.test('thinking, and a tool loop that carries the thinking signature back', async (t) => {
  const { ollama, anthropic } = await client(t)
  const thought = await ollama.chat({ model: 'anthropic/fake-thinking', messages: [{ role: 'user', content: '2+2?' }], think: true })
  t.equal(thought.message.thinking, 'Let me think. Done thinking.')
  t.equal(thought.message.content, 'The answer is 4.')
  t.match(anthropic.calls[0]!.body.thinking, { type: 'enabled', budget_tokens: 8191 }, 'budget fits below max_tokens')
  t.notOk('temperature' in anthropic.calls[0]!.body)

  const history: Message[] = [{ role: 'user', content: 'Weather in Tokyo?' }]
  const first = await ollama.chat({ model: 'anthropic/fake-thinking-tools', messages: history, tools, think: true })
  const calls = first.message.tool_calls ?? []
  t.equal(calls.length, 1)
  t.same(calls[0]!.function.arguments, { city: 'Tokyo' })
  t.equal(first.message.thinking, 'I should call the weather tool.')
  t.equal(first.done_reason, 'stop', 'tool_use ends with stop, as in Ollama')

  await ollama.chat({ model: 'anthropic/fake-text', tools, think: true, messages: [...history, first.message, { role: 'tool', content: 'sunny', tool_name: 'get_weather' }] })
  const sent = anthropic.calls[2]!.body
  const messages = sent.messages as Array<{ role: string, content: Array<Record<string, unknown>> }>
  const callId = (calls[0] as { id?: string }).id
  t.match(callId, /^call_[a-z0-9]{8}$/)
  t.same(messages[1]!.content[0], { type: 'thinking', thinking: 'I should call the weather tool.', signature: FAKE_SIGNATURE }, 'signed thinking comes first')
  t.same(messages[1]!.content[1], { type: 'tool_use', id: callId, name: 'get_weather', input: { city: 'Tokyo' } })
  t.same(messages[2], { role: 'user', content: [{ type: 'tool_result', tool_use_id: callId, content: 'sunny' }] })
  t.equal((sent.thinking as { type: string }).type, 'enabled')
  t.same(sent.tools, [{ name: 'get_weather', description: 'Weather', input_schema: tools[0]!.function.parameters }])

  // A tool turn whose thinking we never saw (another instance, made-up ids): thinking is switched off, not a 400.
  await ollama.chat({
    model: 'anthropic/fake-text',
    think: true,
    messages: [...history, { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Oslo' } } }] }, { role: 'tool', content: 'rain', tool_name: 'get_weather' }]
  })
  const unsigned = anthropic.calls[3]!.body
  t.same(unsigned.thinking, { type: 'disabled' })
  const unsignedMessages = unsigned.messages as Array<{ content: Array<Record<string, unknown>> }>
  t.same(unsignedMessages[1]!.content, [{ type: 'tool_use', id: 'call_1_0', name: 'get_weather', input: { city: 'Oslo' } }])
  t.same(unsignedMessages[2]!.content, [{ type: 'tool_result', tool_use_id: 'call_1_0', content: 'rain' }], 'paired by name without ids')
})

t.test('each app keeps its own signed thinking: a second replica never saw the first one\'s', async (t) => {
  const anthropic = await startFakeAnthropic()
  t.teardown(() => anthropic.close())
  const env = { ANTHROPIC_API_KEY: ANTHROPIC_KEY, ANTHROPIC_BASE_URL: anthropic.url, ANTHROPIC_MODELS: ANTHROPIC_FAKE_MODELS.join(',') }
  const first = new Ollama({ host: (await listenTestApp(t, env)).url })
  const second = new Ollama({ host: (await listenTestApp(t, env)).url })
  const history: Message[] = [{ role: 'user', content: 'Weather in Tokyo?' }]
  const answer = await first.chat({ model: 'anthropic/fake-thinking-tools', messages: history, tools, think: true })
  const callId = (answer.message.tool_calls?.[0] as { id?: string } | undefined)?.id
  const next: Message[] = [...history, answer.message, { role: 'tool', content: 'sunny', tool_name: 'get_weather' }]

  await second.chat({ model: 'anthropic/fake-text', tools, think: true, messages: next })
  const onSecond = anthropic.calls[1]!.body
  t.same(onSecond.thinking, { type: 'disabled' }, 'thinking off, not a 400 for a missing signature')
  t.same((onSecond.messages as Array<{ content: unknown[] }>)[1]!.content, [{ type: 'tool_use', id: callId, name: 'get_weather', input: { city: 'Tokyo' } }])

  await first.chat({ model: 'anthropic/fake-text', tools, think: true, messages: next })
  const onFirst = anthropic.calls[2]!.body
  t.same(onFirst.thinking, { type: 'enabled', budget_tokens: 8191 })
  t.same((onFirst.messages as Array<{ content: unknown[] }>)[1]!.content, [
    { type: 'thinking', thinking: 'I should call the weather tool.', signature: FAKE_SIGNATURE },
    { type: 'tool_use', id: callId, name: 'get_weather', input: { city: 'Tokyo' } }
  ])
})

t.test('images become image blocks with a sniffed media type', async (t) => {
  const { ollama, anthropic } = await client(t)
  await ollama.chat({ model: 'anthropic/fake-text', messages: [{ role: 'user', content: 'What is this?', images: [PNG] }] })
  const messages = anthropic.calls[0]!.body.messages as Array<{ content: unknown[] }>
  t.same(messages[0]!.content, [
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
    { type: 'text', text: 'What is this?' }
  ])
})

t.test('an error event after the stream began, a cut stream, and HTTP errors', async (t) => {
  const { ollama } = await client(t)
  const parts: string[] = []
  await t.rejects(async () => {
    for await (const part of await ollama.chat({ model: 'anthropic/fake-error-event', messages: [{ role: 'user', content: 'x' }], stream: true })) parts.push(part.message.content)
  }, { message: 'overloaded_error: Overloaded' })
  t.same(parts, ['Hello'], 'the text before the error reached the client')
  await t.rejects(async () => {
    for await (const part of await ollama.chat({ model: 'anthropic/fake-truncated', messages: [{ role: 'user', content: 'x' }], stream: true })) void part
  }, { message: 'upstream stream ended before the answer was complete' })

  const overloaded = await ollama.chat({ model: 'anthropic/fake-529', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error)
  t.match(overloaded, { name: 'ResponseError', status_code: 503, error: 'anthropic upstream error 529: overloaded_error: Overloaded' })
  const invalid = await ollama.chat({ model: 'anthropic/fake-400', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error)
  t.match(invalid, { status_code: 400, error: /invalid_request_error: messages: text content blocks must be non-empty/ })
  const unauthorised = await ollama.chat({ model: 'anthropic/fake-401', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error)
  t.match(unauthorised, { status_code: 401, error: /authentication_error/ })
  t.notOk(String((unauthorised as Error).message).includes(ANTHROPIC_KEY))
})

t.test('the client going away closes the Anthropic stream', async (t) => {
  const { ollama, anthropic } = await client(t)
  const stream = await ollama.chat({ model: 'anthropic/fake-slow', messages: [{ role: 'user', content: 'x' }], stream: true })
  for await (const part of stream) {
    if (part.message.content !== '') break
  }
  stream.abort()
  await anthropic.waitForNoSockets(10_000)
  t.equal(anthropic.calls[0]!.aborted, true)
})

t.test('generate goes through the same protocol', async (t) => {
  const { ollama, anthropic } = await client(t)
  const answer = await ollama.generate({ model: 'anthropic/fake-thinking', prompt: '2+2?', system: 'Think.', think: 'high' })
  t.equal(answer.response, 'The answer is 4.')
  t.equal(answer.thinking, 'Let me think. Done thinking.')
  t.match(anthropic.calls[0]!.body, { system: 'Think.', thinking: { type: 'enabled', budget_tokens: 8191 } })
})
