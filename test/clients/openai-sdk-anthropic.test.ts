import t from 'tap'
import OpenAI from 'openai'
import { listenTestApp } from '../helpers/build-app.js'
import { ANTHROPIC_FAKE_MODELS, FAKE_SIGNATURE, startFakeAnthropic } from '../helpers/fake-anthropic.js'

const ANTHROPIC_KEY = 'sk-ant-test-anthropic-key'
// A 1x1 PNG, as a client would attach a screenshot.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const tools = [{ type: 'function' as const, function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }]

async function client (t: Parameters<typeof listenTestApp>[0]) {
  const anthropic = await startFakeAnthropic()
  t.teardown(() => anthropic.close())
  const context = await listenTestApp(t, { ANTHROPIC_API_KEY: ANTHROPIC_KEY, ANTHROPIC_BASE_URL: anthropic.url, ANTHROPIC_MODELS: ANTHROPIC_FAKE_MODELS.join(',') })
  // The SDK's retries would hide error statuses behind several upstream calls.
  return { ...context, anthropic, openai: new OpenAI({ baseURL: `${context.url}/v1`, apiKey: 'ollama', maxRetries: 0 }) }
}

t.test('chat completion through Anthropic, not streamed: OpenAI\'s object with Anthropic\'s usage', async (t) => {
  const { openai, anthropic } = await client(t)
  const completion = await openai.chat.completions.create({
    model: 'anthropic/fake-text',
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }],
    temperature: 0.2,
    max_completion_tokens: 50,
    stop: 'END'
  })
  t.equal(completion.object, 'chat.completion')
  t.equal(completion.model, 'anthropic/fake-text')
  t.same(completion.choices, [{ index: 0, message: { role: 'assistant', content: 'Hello world!' }, finish_reason: 'stop' }])
  t.same(completion.usage, { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 }, 'input plus cached input tokens, output tokens')
  t.match(anthropic.calls[0]!.body, {
    model: 'fake-text',
    system: 'Be brief.',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    temperature: 0.2,
    max_tokens: 50,
    stop_sequences: ['END']
  })
  t.equal(anthropic.calls[0]!.headers['x-api-key'], ANTHROPIC_KEY)
  t.equal(anthropic.calls[0]!.headers.authorization, undefined, 'the client\'s bearer token never goes upstream')
})

t.test('chat completion through Anthropic, streamed: role first, deltas, a finish chunk, usage', async (t) => {
  const { openai } = await client(t)
  const stream = await openai.chat.completions.create({
    model: 'anthropic/fake-text',
    messages: [{ role: 'user', content: 'Hello' }],
    stream: true,
    stream_options: { include_usage: true }
  })
  const chunks = []
  for await (const chunk of stream) chunks.push(chunk)
  t.equal(new Set(chunks.map((chunk) => chunk.id)).size, 1, 'one id for the whole answer')
  t.same(chunks[0]!.choices[0]!.delta, { role: 'assistant', content: 'Hello' })
  t.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello world!')
  t.same(chunks.at(-2)!.choices, [{ index: 0, delta: {}, finish_reason: 'stop' }], 'a separate finish chunk')
  t.same(chunks.at(-1)!.choices, [])
  t.same(chunks.at(-1)!.usage, { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 })
})

t.test('a tool round trip with ids through Anthropic: tool_use ids come back, tool_result blocks answer them', async (t) => {
  const { openai, anthropic } = await client(t)
  const question = [{ role: 'user' as const, content: 'Weather in Tokyo?' }]
  const first = await openai.chat.completions.create({ model: 'anthropic/fake-tools', messages: question, tools, tool_choice: 'auto' })
  const choice = first.choices[0]!
  t.equal(choice.finish_reason, 'tool_calls')
  t.equal(choice.message.content, 'Checking.')
  const calls = choice.message.tool_calls ?? []
  t.same(calls.map((call) => call.type === 'function' ? [call.function.name, call.function.arguments] : []), [
    ['get_weather', '{"city":"Tokyo"}'],
    ['get_time', '{}']
  ], 'Anthropic\'s tool_use blocks as OpenAI tool calls with string arguments')
  // As Ollama does, the client gets ids in Ollama's form, one per call, whatever the upstream's were.
  t.ok(calls.every((call) => /^call_[a-z0-9]{8}$/.test(call.id)), 'Ollama-style ids')
  t.equal(new Set(calls.map((call) => call.id)).size, 2, 'distinct ids')
  t.match(anthropic.calls[0]!.body, { tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }] })

  const streamed = await openai.chat.completions.stream({ model: 'anthropic/fake-tools', messages: question, tools }).finalChatCompletion()
  const streamedCalls = streamed.choices[0]!.message.tool_calls ?? []
  t.same(streamedCalls.map((call) => call.type === 'function' ? [call.function.name, call.function.arguments] : []), [
    ['get_weather', '{"city":"Tokyo"}'],
    ['get_time', '{}']
  ], 'the SDK assembles the streamed tool calls')
  t.ok(streamedCalls.every((call) => /^call_[a-z0-9]{8}$/.test(call.id)), 'each streamed call carries its id')
  t.equal(streamed.choices[0]!.finish_reason, 'tool_calls')

  const second = await openai.chat.completions.create({
    model: 'anthropic/fake-text',
    tools,
    messages: [
      ...question,
      choice.message,
      { role: 'tool', content: 'sunny', tool_call_id: calls[0]!.id },
      { role: 'tool', content: '12:00', tool_call_id: calls[1]!.id }
    ]
  })
  t.equal(second.choices[0]!.message.content, 'Hello world!')
  const sent = anthropic.calls.at(-1)!.body.messages as Array<{ role: string, content: unknown }>
  t.equal(sent.length, 3)
  t.same(sent[1], {
    role: 'assistant',
    content: [
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: calls[0]!.id, name: 'get_weather', input: { city: 'Tokyo' } },
      { type: 'tool_use', id: calls[1]!.id, name: 'get_time', input: {} }
    ]
  }, 'the assistant turn carries tool_use blocks with the ids the client echoed')
  t.same(sent[2], {
    role: 'user',
    content: [
      { type: 'tool_result', tool_use_id: calls[0]!.id, content: 'sunny' },
      { type: 'tool_result', tool_use_id: calls[1]!.id, content: '12:00' }
    ]
  }, 'both results in one user turn, each naming the tool_use it answers')
})

t.test('an image part becomes an Anthropic image block with its media type', async (t) => {
  const { openai, anthropic } = await client(t)
  await openai.chat.completions.create({
    model: 'anthropic/fake-text',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] }]
  })
  const content = (anthropic.calls[0]!.body.messages as Array<{ content: Array<{ type: string }> }>)[0]!.content
  t.same(content.find((block) => block.type === 'image'), { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } })
  t.same(content.find((block) => block.type === 'text'), { type: 'text', text: 'What is this?' })
})

t.test('thinking through Anthropic comes back in Ollama\'s reasoning field; reasoning_effort turns it on', async (t) => {
  const { openai, anthropic } = await client(t)
  const single = await openai.chat.completions.create({ model: 'anthropic/fake-thinking', messages: [{ role: 'user', content: '2+2?' }], reasoning_effort: 'high' })
  t.same(single.choices[0]!.message, { role: 'assistant', content: 'The answer is 4.', reasoning: 'Let me think. Done thinking.' } as never)
  t.match(anthropic.calls[0]!.body.thinking, { type: 'enabled' }, 'reasoning_effort reaches Anthropic\'s thinking switch')

  const deltas = []
  for await (const chunk of await openai.chat.completions.create({ model: 'anthropic/fake-thinking', messages: [{ role: 'user', content: '2+2?' }], reasoning_effort: 'high', stream: true })) {
    if (chunk.choices[0] !== undefined) deltas.push(chunk.choices[0].delta)
  }
  const reasoning = deltas.map((delta) => (delta as { reasoning?: string }).reasoning ?? '').join('')
  t.equal(reasoning, 'Let me think. Done thinking.')
  t.equal(deltas.map((delta) => delta.content ?? '').join(''), 'The answer is 4.')

  // A thinking tool loop: the signed thinking block must go back before the tool_use it led to.
  const question = [{ role: 'user' as const, content: 'Weather in Tokyo?' }]
  const first = await openai.chat.completions.create({ model: 'anthropic/fake-thinking-tools', messages: question, tools, reasoning_effort: 'high' })
  const message = first.choices[0]!.message
  t.equal((message as { reasoning?: string }).reasoning, 'I should call the weather tool.')
  const call = message.tool_calls![0]!
  t.match(call.id, /^call_[a-z0-9]{8}$/)
  await openai.chat.completions.create({
    model: 'anthropic/fake-thinking',
    tools,
    reasoning_effort: 'high',
    messages: [...question, message, { role: 'tool', content: 'sunny', tool_call_id: call.id }]
  })
  const sent = anthropic.calls.at(-1)!.body.messages as Array<{ role: string, content: Array<Record<string, unknown>> }>
  t.match(sent[1]!.content, [
    { type: 'thinking', thinking: 'I should call the weather tool.', signature: FAKE_SIGNATURE },
    { type: 'tool_use', id: call.id, name: 'get_weather', input: { city: 'Tokyo' } }
  ])
  t.same(sent[2], { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'sunny' }] })
})

t.test('Anthropic errors reach the SDK in OpenAI\'s shape with the right status', async (t) => {
  const { openai, anthropic } = await client(t)
  const cases: Array<[string, number, RegExp]> = [
    ['anthropic/fake-400', 400, /text content blocks must be non-empty/],
    ['anthropic/fake-529', 503, /Overloaded/]
  ]
  for (const [model, status, message] of cases) {
    const error = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello' }] }).catch((caught: unknown) => caught)
    t.ok(error instanceof OpenAI.APIError, model)
    t.match(error, { status, error: { message } }, model)
  }
  const attempts = (model: string) => anthropic.calls.filter((call) => call.body.model === model).length
  t.equal(attempts('fake-400'), 1, 'a 400 is not retried')
  t.equal(attempts('fake-529'), 3, 'Anthropic\'s 529 is retried (two retries by default) before the 503')

  // An error event after the 200: the SDK sees the text so far, then raises the upstream's error.
  const seen: string[] = []
  const failed = await (async () => {
    for await (const chunk of await openai.chat.completions.create({ model: 'anthropic/fake-error-event', messages: [{ role: 'user', content: 'Hello' }], stream: true })) {
      seen.push(chunk.choices[0]?.delta.content ?? '')
    }
  })().catch((caught: unknown) => caught)
  t.same(seen, ['Hello'])
  t.ok(failed instanceof OpenAI.APIError, 'an error frame, not a silently short answer')
  t.match(failed, { message: /Overloaded/ })
})

t.test('/v1/embeddings with an Anthropic model: OpenAI\'s error, 400, and nothing sent upstream', async (t) => {
  const { openai, anthropic } = await client(t)
  const error = await openai.embeddings.create({ model: 'anthropic/fake-text', input: 'hello' }).catch((caught: unknown) => caught)
  t.ok(error instanceof OpenAI.APIError)
  t.match(error, { status: 400, error: { message: 'anthropic/fake-text:latest does not support embedding', type: 'invalid_request_error', param: null, code: null } })
  t.equal(anthropic.calls.length, 0, 'Anthropic has no embeddings API to call')
})
