/**
 * Log probabilities end to end: ollama-js and the openai SDK against the real app, the fakes answering in each
 * provider's own wire format when asked (OpenAI's `choices[].logprobs.content`, Gemini's `logprobsResult`, Ollama's
 * `logprobs`); Ollama's range check on `top_logprobs`; a provider that has none refuses with a 400 naming the model.
 */
import t from 'tap'
import { Ollama } from 'ollama'
import OpenAI from 'openai'
import { listenTestApp } from '../helpers/build-app.js'
import { FAKE_LOGPROB } from '../helpers/fake-upstream.js'
import { GEMINI_FAKE_LOGPROB, GEMINI_FAKE_MODELS, startFakeGemini } from '../helpers/fake-gemini.js'
import { OLLAMA_FAKE_LOGPROB, startFakeOllama } from '../helpers/fake-ollama.js'
import { listenProviderApp } from '../helpers/provider-app.js'
import { portOf, rawRequest } from '../helpers/raw-request.js'

const HELLO_BYTES = [72, 101, 108, 108, 111]

async function client (t: Parameters<typeof listenTestApp>[0], env: Record<string, string> = {}) {
  const context = await listenTestApp(t, env)
  return { ...context, ollama: new Ollama({ host: context.url }), openai: new OpenAI({ baseURL: `${context.url}/v1`, apiKey: 'unused' }) }
}

t.test('/api/chat on an OpenAI-style provider: asked upstream, one entry per streamed chunk, all of them in the one-shot answer', async (t) => {
  const { ollama, upstream } = await client(t)
  const streamed: Array<{ content: string, logprobs: unknown }> = []
  for await (const part of await ollama.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hi' }], stream: true, logprobs: true, top_logprobs: 2 })) {
    streamed.push({ content: part.message.content, logprobs: part.logprobs })
  }
  t.same(upstream.calls[0]!.body.logprobs, true)
  t.same(upstream.calls[0]!.body.top_logprobs, 2)
  t.same(streamed.map((part) => part.content), ['Hello', ' world', '!', ''])
  t.same(streamed[0]!.logprobs, [{
    token: 'Hello',
    logprob: FAKE_LOGPROB,
    bytes: HELLO_BYTES,
    top_logprobs: [{ token: 'Hello', logprob: FAKE_LOGPROB, bytes: HELLO_BYTES }, { token: 'alt1', logprob: -2, bytes: [97, 108, 116, 49] }]
  }])
  t.same((streamed[2]!.logprobs as Array<{ token: string }>).map((entry) => entry.token), ['!'])
  t.equal(streamed[3]!.logprobs, undefined, 'the done line has none left')

  const single = await ollama.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hi' }], logprobs: true })
  t.same(single.logprobs?.map((entry) => [entry.token, entry.logprob]), [['Hello', FAKE_LOGPROB], [' world', FAKE_LOGPROB], ['!', FAKE_LOGPROB]])
  t.equal(single.logprobs?.[0]?.top_logprobs, undefined, 'top_logprobs 0: no alternatives')
  t.equal(upstream.calls[1]!.body.top_logprobs, undefined, 'top_logprobs 0 is not sent')

  await ollama.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hi' }], top_logprobs: 3 })
  t.equal(upstream.calls[2]!.body.logprobs, undefined, 'top_logprobs without logprobs asks for nothing')
  const plain = await ollama.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hi' }] })
  t.notOk('logprobs' in plain, 'not asked: no field')
})

t.test('/api/generate carries them too, streamed and not', async (t) => {
  const { ollama } = await client(t)
  const lines = []
  for await (const part of await ollama.generate({ model: 'openai/fake-text', prompt: 'Hi', stream: true, logprobs: true, top_logprobs: 1 })) lines.push(part)
  t.same(lines.map((line) => line.logprobs?.map((entry) => entry.token)), [['Hello'], [' world'], ['!'], undefined])
  t.same(lines[0]!.logprobs?.[0]?.top_logprobs, [{ token: 'Hello', logprob: FAKE_LOGPROB, bytes: HELLO_BYTES }])
  const single = await ollama.generate({ model: 'openai/fake-text', prompt: 'Hi', logprobs: true })
  t.equal(single.logprobs?.length, 3)
})

t.test('top_logprobs outside 0–20 answers Ollama\'s 400, checked before the model is looked up', async (t) => {
  const { ollama, upstream, url } = await client(t)
  for (const top of [21, -1]) {
    const chatError = await ollama.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hi' }], logprobs: true, top_logprobs: top }).catch((error: unknown) => error)
    t.match(chatError, { status_code: 400, error: 'top_logprobs must be between 0 and 20' }, `chat, ${top}`)
  }
  const generateError = await ollama.generate({ model: 'no-such/model', prompt: 'Hi', top_logprobs: 21 }).catch((error: unknown) => error)
  t.match(generateError, { status_code: 400, error: 'top_logprobs must be between 0 and 20' }, 'before the 404 of an unknown model')
  const raw = await rawRequest(portOf(url), { host: '127.0.0.1', method: 'POST', path: '/api/chat', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'openai/fake-text', messages: [], top_logprobs: 21 }) })
  t.equal(raw.status, 400)
  t.same(JSON.parse(raw.body), { error: 'top_logprobs must be between 0 and 20' })
  t.equal(upstream.calls.length, 0)
})

t.test('/v1 with the openai SDK: choices[].logprobs.content, streamed and not; completions take the integer', async (t) => {
  const { openai, upstream } = await client(t)
  const completion = await openai.chat.completions.create({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hi' }], logprobs: true, top_logprobs: 2 })
  t.same(completion.choices[0]!.logprobs?.content?.map((entry) => entry.token), ['Hello', ' world', '!'])
  t.same(completion.choices[0]!.logprobs?.content?.[1]?.top_logprobs?.map((entry) => entry.token), [' world', 'alt1'])
  t.same([upstream.calls[0]!.body.logprobs, upstream.calls[0]!.body.top_logprobs], [true, 2])

  const tokens: string[] = []
  const stream = await openai.chat.completions.create({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hi' }], logprobs: true, stream: true })
  for await (const chunk of stream) {
    for (const entry of chunk.choices[0]?.logprobs?.content ?? []) {
      tokens.push(entry.token)
      t.equal(entry.logprob, FAKE_LOGPROB)
    }
  }
  t.same(tokens, ['Hello', ' world', '!'])

  const text = await openai.completions.create({ model: 'openai/fake-text', prompt: 'Hi', logprobs: 3 })
  t.same([upstream.calls[2]!.body.logprobs, upstream.calls[2]!.body.top_logprobs], [true, 3], 'the integer is top_logprobs, as Ollama reads it')
  const choice = text.choices[0] as unknown as { logprobs: { content: Array<{ token: string, top_logprobs: unknown[] }> } }
  t.same(choice.logprobs.content.map((entry) => entry.token), ['Hello', ' world', '!'], "Ollama's ChoiceLogprobs shape")
  t.equal(choice.logprobs.content[0]!.top_logprobs.length, 3)
  await openai.completions.create({ model: 'openai/fake-text', prompt: 'Hi', logprobs: 0 })
  t.equal(upstream.calls[3]!.body.logprobs, undefined, 'logprobs 0 asks for nothing')

  const rangeError = await openai.chat.completions.create({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hi' }], logprobs: true, top_logprobs: 21 }).catch((error: unknown) => error)
  t.match(rangeError, { status: 400, error: { message: 'top_logprobs must be between 0 and 20', type: 'invalid_request_error' } })
  const completionsRange = await openai.completions.create({ model: 'openai/fake-text', prompt: 'Hi', logprobs: 21 }).catch((error: unknown) => error)
  t.match(completionsRange, { status: 400, error: { message: 'top_logprobs must be between 0 and 20' } })
})

t.test('Anthropic returns none: a 400 naming the model, in each dialect\'s shape, and nothing is sent', async (t) => {
  const { ollama, openai, upstream } = await client(t, { ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' })
  const message = '"anthropic/claude-sonnet-4-5" does not support logprobs: Anthropic returns no log probabilities'
  const chatError = await ollama.chat({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }], logprobs: true }).catch((error: unknown) => error)
  t.match(chatError, { status_code: 400, error: message })
  const generateError = await ollama.generate({ model: 'anthropic/claude-sonnet-4-5', prompt: 'Hi', logprobs: true, stream: true }).catch((error: unknown) => error)
  t.match(generateError, { status_code: 400, error: message })
  const openAiError = await openai.chat.completions.create({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }], logprobs: true }).catch((error: unknown) => error)
  t.match(openAiError, { status: 400, error: { message, type: 'invalid_request_error' } })
  t.equal(upstream.calls.length, 0)
})

t.test('DeepSeek returns none while thinking (providers.md §3): refused unless thinking is off', async (t) => {
  const { url, upstream } = await listenProviderApp(t, (origin) => ({ DEEPSEEK_API_KEY: 'sk-ds', DEEPSEEK_BASE_URL: `${origin}/v1` }))
  const ollama = new Ollama({ host: url })
  const refused = await ollama.chat({ model: 'deepseek/deepseek-v4-pro', messages: [{ role: 'user', content: 'Hi' }], logprobs: true }).catch((error: unknown) => error)
  t.match(refused, { status_code: 400, error: /^"deepseek\/deepseek-v4-pro" does not support logprobs: DeepSeek returns none while the model thinks; turn thinking off/ })
  t.equal(upstream.calls.length, 0)
  const off = await ollama.chat({ model: 'deepseek/deepseek-v4-pro', messages: [{ role: 'user', content: 'Hi' }], logprobs: true, think: false })
  t.equal(off.logprobs?.length, 3)
  t.match(upstream.calls[0]!.body, { thinking: { type: 'disabled' }, logprobs: true })
  const chat = await ollama.chat({ model: 'deepseek/deepseek-chat', messages: [{ role: 'user', content: 'Hi' }], logprobs: true })
  t.equal(chat.logprobs?.length, 3, 'a model that does not think')
  const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused' })
  const v1 = await openai.chat.completions.create({ model: 'deepseek/deepseek-v4-flash', messages: [{ role: 'user', content: 'Hi' }], logprobs: true, reasoning_effort: 'none' as 'low' })
  t.equal(v1.choices[0]!.logprobs?.content?.length, 3, '/v1: reasoning_effort none turns thinking off')
})

t.test('Gemini: responseLogprobs and logprobs asked, logprobsResult mapped with UTF-8 bytes', async (t) => {
  const gemini = await startFakeGemini()
  t.teardown(() => gemini.close())
  const { ollama } = await client(t, { GEMINI_API_KEY: 'AIzaTest', GEMINI_BASE_URL: gemini.url, GEMINI_MODELS: GEMINI_FAKE_MODELS.join(',') })
  const lines = []
  for await (const part of await ollama.chat({ model: 'gemini/fake-text', messages: [{ role: 'user', content: 'Hi' }], stream: true, logprobs: true, top_logprobs: 2 })) lines.push(part)
  t.match(gemini.calls[0]!.body, { generationConfig: { responseLogprobs: true, logprobs: 2 } })
  t.same(lines[0]!.logprobs, [{
    token: 'Hello',
    logprob: GEMINI_FAKE_LOGPROB,
    bytes: HELLO_BYTES,
    top_logprobs: [{ token: 'Hello', logprob: GEMINI_FAKE_LOGPROB, bytes: HELLO_BYTES }, { token: 'alt1', logprob: -2, bytes: [97, 108, 116, 49] }]
  }])
  t.same(lines.map((line) => line.logprobs?.length), [1, 1, 1, undefined])
  const thinking = await ollama.chat({ model: 'gemini/fake-thinking', messages: [{ role: 'user', content: 'Hi' }], logprobs: true, think: true })
  t.same(thinking.logprobs?.map((entry) => entry.token), ['The answer is 4.'], 'thoughts carry none')
  t.equal(thinking.message.thinking, 'Let me think. Done thinking.')
})

t.test('an Ollama upstream: asked as the client asked, passed on as it answered', async (t) => {
  const upstreamOllama = await startFakeOllama()
  t.teardown(() => upstreamOllama.close())
  const { ollama } = await client(t, { OLLAMA_UPSTREAM_URL: upstreamOllama.url + '/' })
  const single = await ollama.chat({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'Hi' }], logprobs: true, top_logprobs: 1 })
  t.match(upstreamOllama.calls.find((call) => call.url === '/api/chat')?.body, { logprobs: true, top_logprobs: 1 })
  t.same(single.logprobs?.map((entry) => entry.token), ['Hello', ' from', ' Ollama!'])
  t.same(single.logprobs?.[0], { token: 'Hello', logprob: OLLAMA_FAKE_LOGPROB, bytes: HELLO_BYTES, top_logprobs: [{ token: 'Hello', logprob: OLLAMA_FAKE_LOGPROB, bytes: HELLO_BYTES }] })
})

t.test('fill-in-the-middle: the legacy completions integer asked, its parallel lists mapped', async (t) => {
  const { ollama, upstream } = await client(t, { OPENAI_MODELS: 'fake-fim=completion+insert' })
  const lines = []
  for await (const part of await ollama.generate({ model: 'openai/fake-fim', prompt: 'def add(a, b):\n', suffix: '\n', stream: true, logprobs: true, top_logprobs: 2 })) lines.push(part)
  const call = upstream.calls[0]!
  t.ok(call.path.endsWith('/completions') && !call.path.endsWith('/chat/completions'), 'the legacy endpoint')
  t.equal(call.body.logprobs, 2)
  t.same(lines.map((line) => line.response), ['  return a', ' + b\n', ''])
  t.same(lines[0]!.logprobs, [{
    token: '  return a',
    logprob: FAKE_LOGPROB,
    bytes: [...Buffer.from('  return a')],
    top_logprobs: [{ token: '  return a', logprob: FAKE_LOGPROB, bytes: [...Buffer.from('  return a')] }, { token: 'alt1', logprob: -2, bytes: [97, 108, 116, 49] }]
  }], 'alternatives most likely first')
})
