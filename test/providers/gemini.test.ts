import t from 'tap'
import { Ollama, type Message, type Tool } from 'ollama'
import { listenTestApp } from '../helpers/build-app.js'
import { FAKE_THOUGHT_SIGNATURE, GEMINI_FAKE_MODELS, startFakeGemini } from '../helpers/fake-gemini.js'

const GEMINI_KEY = 'AIzaSyTestGeminiKey0123456789abcdef'
const JPEG = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q=='
// additionalProperties is real JSON Schema that ollama-js's Tool type does not list.
const tools = [
  { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } } },
  { type: 'function', function: { name: 'get_time', description: 'Time', parameters: { type: 'object', properties: {} } } }
] as Tool[]

async function client (t: Parameters<typeof listenTestApp>[0], keyName = 'GEMINI_API_KEY') {
  const gemini = await startFakeGemini()
  t.teardown(() => gemini.close())
  const context = await listenTestApp(t, { [keyName]: GEMINI_KEY, GEMINI_BASE_URL: gemini.url, GEMINI_MODELS: GEMINI_FAKE_MODELS.join(',') })
  return { ...context, gemini, ollama: new Ollama({ host: context.url }) }
}

t.test('chat, not streamed and streamed; key in x-goog-api-key, never in the URL', async (t) => {
  const { ollama, gemini } = await client(t)
  const single = await ollama.chat({ model: 'gemini/fake-text', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }], options: { temperature: 0.5, num_predict: 50 } })
  t.equal(single.message.content, 'Hello world!')
  t.match(single, { done_reason: 'stop', prompt_eval_count: 12, eval_count: 3 }, 'the last cumulative usage wins')

  const parts: string[] = []
  for await (const part of await ollama.chat({ model: 'gemini/fake-text', messages: [{ role: 'user', content: 'Hello' }], stream: true })) parts.push(part.message.content)
  t.same(parts, ['Hello', ' world', '!', ''])

  const call = gemini.calls[0]!
  t.equal(call.url, '/v1beta/models/fake-text:streamGenerateContent?alt=sse')
  t.notOk(call.url.includes(GEMINI_KEY))
  t.equal(call.headers['x-goog-api-key'], GEMINI_KEY)
  t.equal(call.headers.authorization, undefined)
  t.same(call.body, {
    contents: [{ role: 'user', parts: [{ text: 'Hello' }] }],
    systemInstruction: { parts: [{ text: 'Be brief.' }] },
    generationConfig: { temperature: 0.5, maxOutputTokens: 50 }
  })
})

t.test('GOOGLE_API_KEY works too', async (t) => {
  const { ollama, gemini } = await client(t, 'GOOGLE_API_KEY')
  await ollama.chat({ model: 'gemini/fake-text', messages: [{ role: 'user', content: 'Hi' }] })
  t.equal(gemini.calls[0]!.headers['x-goog-api-key'], GEMINI_KEY)
})

t.test('thinking, images and format', async (t) => {
  const { ollama, gemini } = await client(t)
  const thought = await ollama.chat({ model: 'gemini/fake-thinking', messages: [{ role: 'user', content: 'What is this?', images: [JPEG] }], think: 'high', format: { type: 'object', properties: { answer: { type: ['string', 'null'] } }, additionalProperties: false } })
  t.equal(thought.message.thinking, 'Let me think. Done thinking.')
  t.equal(thought.message.content, 'The answer is 4.')
  t.equal(thought.eval_count, 11, 'answer and thought tokens')
  const body = gemini.calls[0]!.body
  t.same(body.contents, [{ role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/jpeg', data: JPEG } }] }])
  t.same(body.generationConfig, {
    responseMimeType: 'application/json',
    responseSchema: { type: 'object', properties: { answer: { type: 'string', nullable: true } } },
    thinkingConfig: { includeThoughts: true, thinkingLevel: 'high' }
  })
  const generated = await ollama.generate({ model: 'gemini/fake-length', prompt: 'x', format: 'json' })
  t.equal(generated.done_reason, 'length')
  t.same(gemini.calls[1]!.body.generationConfig, { responseMimeType: 'application/json' })
})

t.test('a tool loop: calls get Ollama ids, results pair by name, thought signatures go back', async (t) => {
  const { ollama, gemini } = await client(t)
  const history: Message[] = [{ role: 'user', content: 'Weather and time in Tokyo?' }]
  const first = await ollama.chat({ model: 'gemini/fake-tools', messages: history, tools })
  const calls = first.message.tool_calls ?? []
  t.same(calls.map((call) => [call.function.name, call.function.arguments]), [['get_weather', { city: 'Tokyo' }], ['get_time', {}]])
  for (const call of calls) t.match((call as { id?: string }).id, /^call_[a-z0-9]{8}$/)
  t.same(gemini.calls[0]!.body.tools, [{
    functionDeclarations: [
      { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
      { name: 'get_time', description: 'Time' }
    ]
  }])

  await ollama.chat({
    model: 'gemini/fake-text',
    tools,
    messages: [...history, first.message, { role: 'tool', content: '12:00', tool_name: 'get_time' }, { role: 'tool', content: 'sunny', tool_name: 'get_weather' }]
  })
  t.same(gemini.calls[1]!.body.contents, [
    { role: 'user', parts: [{ text: 'Weather and time in Tokyo?' }] },
    { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Tokyo' } }, thoughtSignature: FAKE_THOUGHT_SIGNATURE }, { functionCall: { name: 'get_time', args: {} } }] },
    { role: 'user', parts: [{ functionResponse: { name: 'get_time', response: { name: 'get_time', content: '12:00' } } }, { functionResponse: { name: 'get_weather', response: { name: 'get_weather', content: 'sunny' } } }] }
  ])

  // A history the adapter never saw: the documented placeholder keeps Gemini 3 from refusing it.
  await ollama.chat({
    model: 'gemini/fake-text',
    messages: [...history, { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Oslo' } } }] }, { role: 'tool', content: 'rain' }]
  })
  const replayed = gemini.calls[2]!.body.contents as Array<{ parts: unknown[] }>
  t.same(replayed[1]!.parts, [{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } }, thoughtSignature: 'skip_thought_signature_validator' }])
  t.same(replayed[2]!.parts, [{ functionResponse: { name: 'get_weather', response: { name: 'get_weather', content: 'rain' } } }], 'paired by order without a name')
})

t.test('errors: mid-stream error chunk, cut stream, blocked prompt, 400 and 429', async (t) => {
  const { ollama } = await client(t)
  const parts: string[] = []
  await t.rejects(async () => {
    for await (const part of await ollama.chat({ model: 'gemini/fake-error-event', messages: [{ role: 'user', content: 'x' }], stream: true })) parts.push(part.message.content)
  }, { message: 'UNAVAILABLE: The model is overloaded. Please try again later.' })
  t.same(parts, ['Hello'])
  await t.rejects(async () => {
    for await (const part of await ollama.chat({ model: 'gemini/fake-truncated', messages: [{ role: 'user', content: 'x' }], stream: true })) void part
  }, { message: 'upstream stream ended before the answer was complete' })
  const blocked = await ollama.chat({ model: 'gemini/fake-blocked', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error)
  t.match(blocked, { status_code: 502, error: 'upstream blocked the prompt: SAFETY' })

  const invalidKey = await ollama.chat({ model: 'gemini/fake-400', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error)
  t.match(invalidKey, { name: 'ResponseError', status_code: 400, error: 'gemini upstream error 400: INVALID_ARGUMENT: API key not valid. Please pass a valid API key.' })
  const quota = await ollama.chat({ model: 'gemini/fake-429', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error)
  t.match(quota, { status_code: 429, error: /RESOURCE_EXHAUSTED: You exceeded your current quota/ })
  t.notOk(JSON.stringify([invalidKey, quota]).includes(GEMINI_KEY))
})
