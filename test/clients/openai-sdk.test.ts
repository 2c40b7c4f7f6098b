import t from 'tap'
import OpenAI from 'openai'
import { listenTestApp } from '../helpers/build-app.js'
import { AFTER_TOOLS_TEXT, FAKE_USAGE } from '../helpers/fake-upstream.js'
import { registerShapedProviders } from '../helpers/shaped-providers.js'

// A 1x1 PNG, as a client would attach a screenshot.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

async function client (t: Parameters<typeof listenTestApp>[0]) {
  const context = await listenTestApp(t)
  // The SDK's retries would hide error statuses behind several upstream calls.
  return { ...context, openai: new OpenAI({ baseURL: `${context.url}/v1`, apiKey: 'ollama', maxRetries: 0 }) }
}

t.test('chat completion, not streamed: OpenAI\'s object with the upstream\'s usage', async (t) => {
  const { openai, upstream } = await client(t)
  const completion = await openai.chat.completions.create({
    model: 'openai/fake-text',
    messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: 'Hello' }],
    temperature: 0.2,
    max_completion_tokens: 50,
    stop: 'END',
    seed: 7
  })
  t.match(completion.id, /^chatcmpl-[A-Za-z0-9]{29}$/)
  t.equal(completion.object, 'chat.completion')
  t.equal(completion.model, 'openai/fake-text')
  t.equal(completion.system_fingerprint, 'fp_ollama')
  t.same(completion.choices, [{ index: 0, message: { role: 'assistant', content: 'Hello world!' }, finish_reason: 'stop' }])
  t.same(completion.usage, FAKE_USAGE)
  t.match(upstream.calls[0]!.body, {
    model: 'fake-text',
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }],
    temperature: 0.2,
    max_completion_tokens: 50,
    stop: ['END'],
    seed: 7
  })
})

t.test('chat completion, streamed: role first, deltas, a finish chunk, usage, [DONE]', async (t) => {
  const { openai, url } = await client(t)
  const stream = await openai.chat.completions.create({
    model: 'openai/fake-text',
    messages: [{ role: 'user', content: 'Hello' }],
    stream: true,
    stream_options: { include_usage: true }
  })
  const chunks = []
  for await (const chunk of stream) chunks.push(chunk)
  t.equal(new Set(chunks.map((chunk) => chunk.id)).size, 1, 'one id for the whole answer')
  t.same(chunks[0]!.choices[0]!.delta, { role: 'assistant', content: 'Hello' })
  t.same(chunks[1]!.choices[0]!.delta, { content: ' world' })
  t.same(chunks.at(-2)!.choices, [{ index: 0, delta: {}, finish_reason: 'stop' }], 'a separate finish chunk')
  t.same(chunks.at(-1)!.choices, [])
  t.same(chunks.at(-1)!.usage, FAKE_USAGE)
  t.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello world!')

  // The raw wire: SSE frames ending with [DONE]; no usage chunk unless asked for.
  const raw = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hi' }], stream: true }) })
  t.equal(raw.headers.get('content-type'), 'text/event-stream')
  const text = await raw.text()
  t.ok(text.endsWith('data: [DONE]\n\n'))
  t.notOk(text.includes('"usage"'), 'no usage chunk without include_usage')
})

t.test('a tool round trip with ids, streamed and not', async (t) => {
  const { openai, upstream } = await client(t)
  const tools = [{ type: 'function' as const, function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }]
  const first = await openai.chat.completions.create({ model: 'openai/fake-tools', messages: [{ role: 'user', content: 'Weather in Tokyo?' }], tools, tool_choice: 'auto' })
  const choice = first.choices[0]!
  t.equal(choice.finish_reason, 'tool_calls')
  const calls = choice.message.tool_calls ?? []
  t.equal(calls.length, 2)
  t.match(calls[0], { type: 'function', id: /^call_[a-z0-9]{8}$/, function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } })

  const streamed = openai.chat.completions.stream({ model: 'openai/fake-tools', messages: [{ role: 'user', content: 'Weather in Tokyo?' }], tools })
  const final = await streamed.finalChatCompletion()
  t.same(final.choices[0]!.message.tool_calls?.map((call) => [call.function.name, call.function.arguments]), [['get_weather', '{"city":"Tokyo"}'], ['get_time', '{}']], 'the SDK assembles streamed tool calls')
  t.equal(final.choices[0]!.finish_reason, 'tool_calls')

  await openai.chat.completions.create({
    model: 'openai/fake-text',
    tools,
    messages: [
      { role: 'user', content: 'Weather in Tokyo?' },
      choice.message,
      { role: 'tool', content: 'sunny', tool_call_id: calls[0]!.id },
      { role: 'tool', content: '12:00', tool_call_id: calls[1]!.id }
    ]
  })
  const sent = upstream.calls.at(-1)!.body.messages as Array<Record<string, any>> // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
  t.same(sent[1]!.tool_calls.map((call: { id: string }) => call.id), calls.map((call) => call.id), 'the client\'s ids reach the upstream')
  t.same(JSON.parse(sent[1]!.tool_calls[0].function.arguments), { city: 'Tokyo' })
  t.same([sent[2]!.tool_call_id, sent[3]!.tool_call_id], calls.map((call) => call.id), 'results name the calls they answer')
})

t.test('the same /v1 tool loop and reasoning switch through OpenAI-, DeepSeek- and DashScope-shaped upstreams', async (t) => {
  const { openai, upstream, app } = await client(t)
  registerShapedProviders(app, upstream.url)
  const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }]
  const switches: Record<string, Record<string, unknown>> = {
    openai: {},
    'fake-deepseek': { thinking: { type: 'enabled' } },
    'fake-dashscope': { enable_thinking: true }
  }
  for (const [provider, thinkingSwitch] of Object.entries(switches)) {
    const question = [{ role: 'user' as const, content: 'Weather in Tokyo?' }]
    const first = await openai.chat.completions.stream({ model: `${provider}/fake-tools`, messages: question, tools }).finalChatCompletion()
    const message = first.choices[0]!.message
    t.match(message.tool_calls?.[0], { id: /^call_/, function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } }, provider)
    const second = await openai.chat.completions.create({
      model: `${provider}/fake-tools`,
      tools,
      messages: [...question, message, ...(message.tool_calls ?? []).map((call) => ({ role: 'tool' as const, tool_call_id: call.id, content: 'sunny' }))]
    })
    t.equal(second.choices[0]!.message.content, AFTER_TOOLS_TEXT, `${provider}: the answer after the tool results`)
    if (provider !== 'openai') {
      await openai.chat.completions.create({ model: `${provider}/fake-reasoning`, messages: question, reasoning_effort: 'high' })
      t.match(upstream.calls.at(-1)!.body, thinkingSwitch, `${provider}: reasoning_effort reaches the provider's own switch`)
    }
  }
})

t.test('an image part reaches the upstream as a data URL', async (t) => {
  const { openai, upstream } = await client(t)
  const completion = await openai.chat.completions.create({
    model: 'openai/gpt-4o',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] }]
  })
  t.equal(completion.choices[0]!.message.content, 'Hello world!')
  t.same(upstream.calls[0]!.body.messages, [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] }])
})

t.test('reasoning comes back in Ollama\'s reasoning field; reasoning_effort sets the upstream\'s switch', async (t) => {
  const { openai, upstream } = await client(t)
  const single = await openai.chat.completions.create({ model: 'openai/fake-reasoning', messages: [{ role: 'user', content: '2+2?' }] })
  t.same(single.choices[0]!.message, { role: 'assistant', content: 'The answer is 4.', reasoning: 'Let me think. Done thinking.' } as never)

  const deltas: Array<Record<string, unknown>> = []
  for await (const chunk of await openai.chat.completions.create({ model: 'openai/fake-reasoning', messages: [{ role: 'user', content: '2+2?' }], stream: true })) {
    if (chunk.choices[0] !== undefined) deltas.push(chunk.choices[0].delta as Record<string, unknown>)
  }
  t.same(deltas.slice(0, 3), [
    { role: 'assistant', content: '', reasoning: 'Let me think. ' },
    { content: '', reasoning: 'Done thinking.' },
    { content: 'The answer is 4.' }
  ])

  await openai.chat.completions.create({ model: 'openai/o3', messages: [{ role: 'user', content: '2+2?' }], reasoning_effort: 'minimal' })
  t.equal(upstream.calls.at(-1)!.body.reasoning_effort, 'low', 'minimal is Ollama\'s low')
  await openai.chat.completions.create({ model: 'openai/o3', messages: [{ role: 'user', content: '2+2?' }], reasoning_effort: 'none' as never })
  t.notOk('reasoning_effort' in upstream.calls.at(-1)!.body, 'none turns thinking off, which OpenAI expresses by leaving the default')
})

t.test('legacy completions, streamed and not', async (t) => {
  const { openai, upstream } = await client(t)
  const single = await openai.completions.create({ model: 'openai/fake-length', prompt: 'Say something', max_tokens: 5 })
  t.equal(single.object, 'text_completion')
  t.match(single.id, /^cmpl-[A-Za-z0-9]{29}$/)
  t.same(single.choices, [{ text: 'Cut short', index: 0, finish_reason: 'length' }])
  t.same(single.usage, FAKE_USAGE)
  t.match(upstream.calls[0]!.body, { messages: [{ role: 'user', content: 'Say something' }], max_completion_tokens: 5 })

  const parts: string[] = []
  const reasons: Array<string | null> = []
  for await (const chunk of await openai.completions.create({ model: 'openai/fake-text', prompt: 'Hi', stream: true })) {
    parts.push(chunk.choices[0]?.text ?? '')
    reasons.push(chunk.choices[0]?.finish_reason ?? null)
  }
  t.equal(parts.join(''), 'Hello world!')
  t.equal(reasons.at(-1), 'stop')
})

t.test('legacy completions with a suffix fill in the middle on a model with insert', async (t) => {
  const context = await listenTestApp(t, { OPENAI_MODELS: 'coder=completion+insert' })
  const openai = new OpenAI({ baseURL: `${context.url}/v1`, apiKey: 'ollama', maxRetries: 0 })
  const single = await openai.completions.create({ model: 'openai/coder', prompt: 'def add(a, b):\n', suffix: '\nprint(add(1, 2))' })
  t.equal(single.choices[0]!.text, '  return a + b\n')
  t.match(context.upstream.calls.at(-1)!, { path: '/v1/completions', body: { prompt: 'def add(a, b):\n', suffix: '\nprint(add(1, 2))' } })
  const refused = await openai.completions.create({ model: 'openai/gpt-4o', prompt: 'a', suffix: 'b' }).catch((error: unknown) => error)
  t.match(refused, { status: 400, error: { message: 'openai/gpt-4o:latest does not support insert', type: 'invalid_request_error' } })
})

t.test('models: list and retrieve, with names that hold a slash', async (t) => {
  const { openai } = await client(t)
  const ids = []
  for await (const model of openai.models.list()) ids.push(model)
  t.ok(ids.some((model) => model.id === 'openai/gpt-4o:latest' && model.object === 'model' && model.owned_by === 'openai' && Number.isInteger(model.created)))
  const model = await openai.models.retrieve('openai/gpt-4o')
  t.match(model, { id: 'openai/gpt-4o', object: 'model', owned_by: 'openai' })
  const missing = await openai.models.retrieve('nosuchprovider/nope').catch((error: unknown) => error)
  t.ok(missing instanceof OpenAI.NotFoundError)
  t.match(missing, { status: 404, error: { message: "model 'nosuchprovider/nope' not found", type: 'not_found_error', param: null, code: null } })
})

t.test('errors are OpenAI-shaped, with the right status, so the SDK raises readable errors', async (t) => {
  const { openai } = await client(t)
  const unknown = await openai.chat.completions.create({ model: 'openai/nope', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error)
  t.ok(unknown instanceof OpenAI.NotFoundError)
  t.match(unknown, { status: 404, message: "404 model 'openai/nope' not found", type: 'not_found_error' })

  const cases: Array<[Record<string, unknown>, number, string]> = [
    [{ model: 'openai/fake-text', messages: [] }, 400, "[] is too short - 'messages'"],
    [{ model: 'openai/fake-text', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }] }, 400, 'image URLs are not currently supported, please use base64 encoded data instead'],
    [{ model: 'openai/fake-text', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:text/plain;base64,aGk=' } }] }] }, 400, 'invalid image input'],
    [{ model: 'openai/fake-text', messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{not json' } }] }] }, 400, 'invalid tool call arguments'],
    [{ model: 'openai/fake-text', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'extreme' }, 400, 'invalid reasoning value: "extreme" (must be "minimal", "low", "medium", "high", "xhigh", "ultra", "max", or "none")'],
    [{ model: 'openai/fake-text', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'high' }, 400, '"openai/fake-text" does not support thinking'],
    [{ model: 'openai/fake-text', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] }] }, 400, 'openai/fake-text:latest does not support vision'],
    [{ model: 'openai/fake-401', messages: [{ role: 'user', content: 'x' }] }, 401, 'openai upstream error 401: Incorrect API key provided: ***. (401)']
  ]
  for (const [body, status, message] of cases) {
    const error = await openai.chat.completions.create(body as never).catch((caught: unknown) => caught)
    t.ok(error instanceof OpenAI.APIError, message)
    t.match(error, { status, error: { message, type: status === 400 ? 'invalid_request_error' : 'api_error', param: null, code: null } }, message)
  }
})

t.test('an upstream failure after the first chunk reaches the SDK as an error, not a clean end', async (t) => {
  const { openai } = await client(t)
  const stream = await openai.chat.completions.create({ model: 'openai/fake-error-event', messages: [{ role: 'user', content: 'x' }], stream: true })
  const seen: string[] = []
  await t.rejects(async () => {
    for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '')
  }, { message: /upstream overloaded/ })
  t.same(seen, ['Hello'])
})
