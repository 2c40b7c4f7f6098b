import t from 'tap'
import { Ollama, type Message, type Tool } from 'ollama'
import { listenTestApp } from '../helpers/build-app.js'
import { FAKE_THOUGHT_SIGNATURE, GEMINI_EMBED_BATCH_LIMIT, GEMINI_EMBEDDING_LENGTH, GEMINI_FAKE_MODELS, startFakeGemini } from '../helpers/fake-gemini.js'
import { fakeEmbedding } from '../helpers/fake-embeddings.js'
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base'

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
    // Without think, a thinking model thinks with its thoughts shown, as Ollama defaults it (issue 14).
    generationConfig: { temperature: 0.5, maxOutputTokens: 50, thinkingConfig: { includeThoughts: true } }
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
  t.same(gemini.calls[1]!.body.generationConfig, { responseMimeType: 'application/json', thinkingConfig: { includeThoughts: true } }, 'thinking on by default, as Ollama')
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

t.test('each app keeps its own thought signatures: a second replica sends the placeholder', async (t) => {
  const gemini = await startFakeGemini()
  t.teardown(() => gemini.close())
  const env = { GEMINI_API_KEY: GEMINI_KEY, GEMINI_BASE_URL: gemini.url, GEMINI_MODELS: GEMINI_FAKE_MODELS.join(',') }
  const first = new Ollama({ host: (await listenTestApp(t, env)).url })
  const second = new Ollama({ host: (await listenTestApp(t, env)).url })
  const history: Message[] = [{ role: 'user', content: 'Weather and time in Tokyo?' }]
  const answer = await first.chat({ model: 'gemini/fake-tools', messages: history, tools })
  const next: Message[] = [...history, answer.message, { role: 'tool', content: '12:00', tool_name: 'get_time' }, { role: 'tool', content: 'sunny', tool_name: 'get_weather' }]

  await second.chat({ model: 'gemini/fake-text', tools, messages: next })
  t.same((gemini.calls[1]!.body.contents as Array<{ parts: unknown[] }>)[1]!.parts, [
    { functionCall: { name: 'get_weather', args: { city: 'Tokyo' } }, thoughtSignature: 'skip_thought_signature_validator' },
    { functionCall: { name: 'get_time', args: {} } }
  ])
  await first.chat({ model: 'gemini/fake-text', tools, messages: next })
  t.same((gemini.calls[2]!.body.contents as Array<{ parts: unknown[] }>)[1]!.parts, [
    { functionCall: { name: 'get_weather', args: { city: 'Tokyo' } }, thoughtSignature: FAKE_THOUGHT_SIGNATURE },
    { functionCall: { name: 'get_time', args: {} } }
  ])
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
  t.match(invalidKey, { name: 'ResponseError', status_code: 401, error: 'gemini upstream error 400: INVALID_ARGUMENT: API key not valid. Please pass a valid API key.' })
  const quota = await ollama.chat({ model: 'gemini/fake-429', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error)
  t.match(quota, { status_code: 429, error: /RESOURCE_EXHAUSTED: You exceeded your current quota/ })
  t.notOk(JSON.stringify([invalidKey, quota]).includes(GEMINI_KEY))
})

/** Same length and the same values up to float rounding. */
const closeTo = (actual: number[] | undefined, expected: number[]) =>
  actual !== undefined && actual.length === expected.length && actual.every((value, index) => Math.abs(value - (expected[index] as number)) < 1e-9)

t.test('embed: 150 inputs against a Gemini that rejects batches over 100 come back as 150 vectors in order', async (t) => {
  const { ollama, gemini } = await client(t)
  const inputs = Array.from({ length: 150 }, (_, index) => `passage ${index}: ${'ipsum '.repeat(index % 7)}`)
  const answer = await ollama.embed({ model: 'gemini/gemini-embedding-001', input: inputs })
  t.equal(answer.model, 'gemini/gemini-embedding-001')
  t.equal(answer.embeddings.length, 150)
  t.ok(inputs.every((input, index) => closeTo(answer.embeddings[index], fakeEmbedding(input, GEMINI_EMBEDDING_LENGTH))), 'each vector is its input\'s, in order')
  // Gemini counts no tokens for embeddings; Ollama always reports a count, so the service estimates it with o200k_base.
  t.equal(answer.prompt_eval_count, inputs.reduce((sum, input) => sum + countTokens(input), 0), 'an o200k_base estimate')

  t.same(gemini.calls.map((call) => (call.body.requests as unknown[]).length).sort((left, right) => right - left), [GEMINI_EMBED_BATCH_LIMIT, 50])
  for (const call of gemini.calls) {
    t.equal(call.url, '/v1beta/models/gemini-embedding-001:batchEmbedContents')
    t.notOk(call.url.includes(GEMINI_KEY), 'no key in the URL')
    t.equal(call.headers['x-goog-api-key'], GEMINI_KEY)
    t.equal(call.headers.authorization, undefined)
    t.match((call.body.requests as unknown[])[0], { model: 'models/gemini-embedding-001', content: { parts: [{ text: /^passage / }] } })
    t.notOk((call.body.requests as Array<Record<string, unknown>>).some((request) => 'outputDimensionality' in request), 'no length unless asked')
  }
})

t.test('embed with dimensions sends outputDimensionality; the legacy embeddings call works', async (t) => {
  const { ollama, gemini } = await client(t)
  const shorter = await ollama.embed({ model: 'gemini/gemini-embedding-001', input: ['hello', 'world'], dimensions: 768 })
  t.same(gemini.calls[0]!.body.requests, [
    { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'hello' }] }, outputDimensionality: 768 },
    { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'world' }] }, outputDimensionality: 768 }
  ])
  t.same(shorter.embeddings.map((vector) => vector.length), [768, 768])
  t.ok(closeTo(shorter.embeddings[1], fakeEmbedding('world', 768)))

  const legacy = await ollama.embeddings({ model: 'gemini/gemini-embedding-001', prompt: 'hello' })
  t.ok(closeTo(legacy.embedding, fakeEmbedding('hello', GEMINI_EMBEDDING_LENGTH)), 'the full-length vector')
  t.equal(gemini.calls[1]!.headers['x-goog-api-key'], GEMINI_KEY)
})

t.test('embed errors: Gemini\'s 400 and 429 reach the client in Ollama\'s shape, without the key', async (t) => {
  const { ollama } = await client(t)
  const invalidKey = await ollama.embed({ model: 'gemini/gemini-embedding-001', input: ['fine', 'invalid-key'] }).catch((error: unknown) => error)
  t.match(invalidKey, { name: 'ResponseError', status_code: 401, error: 'gemini upstream error 400: INVALID_ARGUMENT: API key not valid. Please pass a valid API key.' })
  const quota = await ollama.embed({ model: 'gemini/gemini-embedding-001', input: [...Array.from({ length: 120 }, () => 'fine'), 'quota'] }).catch((error: unknown) => error)
  t.match(quota, { status_code: 429, error: /^gemini upstream error 429: RESOURCE_EXHAUSTED: You exceeded your current quota.*\(inputs 101-121 of 121\)$/ })
  const legacy = await ollama.embeddings({ model: 'gemini/gemini-embedding-001', prompt: 'quota' }).catch((error: unknown) => error)
  t.match(legacy, { status_code: 429, error: /RESOURCE_EXHAUSTED/ })
  t.notOk(JSON.stringify([invalidKey, quota, legacy]).includes(GEMINI_KEY))
  t.match(await ollama.embed({ model: 'gemini/gemini-2.5-flash', input: 'x' }).catch((error: unknown) => error),
    { status_code: 400, error: 'gemini/gemini-2.5-flash:latest does not support embedding' }, 'chat models still refuse embedding')
})

t.test('the embedding model is listed and shown with its vector length', async (t) => {
  const { ollama } = await client(t)
  const listed = (await ollama.list()).models.find((model) => model.name === 'gemini/gemini-embedding-001:latest') as { capabilities?: string[], details: { embedding_length?: number } } | undefined
  t.same(listed?.capabilities, ['embedding'])
  t.equal(listed?.details.embedding_length, 3072)
  const shown = await ollama.show({ model: 'gemini/gemini-embedding-001' })
  t.same(shown.capabilities, ['embedding'])
  // ollama-js types model_info as a Map, but it is the plain JSON object on the wire.
  t.equal((shown.model_info as unknown as Record<string, unknown>)['gemini-embedding.embedding_length'], 3072)
})
