/**
 * Issue 15, kind 2: the fields real Ollama always sends are always there, whatever the provider reports. The lists
 * are Ollama's answer structs (api/types.go): fields without `omitempty`, and the metrics (`omitempty`, but never
 * zero from a real model, so clients such as the Vercel AI SDK's Ollama provider require them).
 * `context` (generate, omitempty) has its own tests (test/clients/generate-context.test.ts).
 */
import t from 'tap'
import { Ollama } from 'ollama'
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base'
import { listenTestApp, parseNdjson } from '../helpers/build-app.js'
import { registerFakeScope } from '../helpers/embedding-provider.js'
import { GEMINI_FAKE_MODELS, startFakeGemini } from '../helpers/fake-gemini.js'
import { startFakeServer } from '../helpers/fake-server.js'

const METRICS = ['total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration', 'eval_count', 'eval_duration']
const ALWAYS: Record<string, string[]> = {
  chat: ['model', 'created_at', 'message', 'done', 'done_reason', ...METRICS],
  generate: ['model', 'created_at', 'response', 'done', 'done_reason', ...METRICS],
  embed: ['model', 'embeddings', 'total_duration', 'load_duration', 'prompt_eval_count'],
  embeddings: ['embedding']
}

function missing (answer: Record<string, unknown>, fields: string[]): string[] {
  return fields.filter((field) => answer[field] === undefined || answer[field] === null || (METRICS.includes(field) && !((answer[field] as number) > 0)))
}

t.test('every answer shape carries every field Ollama always sends', async (t) => {
  const gemini = await startFakeGemini()
  t.teardown(() => gemini.close())
  const { url, app, upstream } = await listenTestApp(t, { GEMINI_API_KEY: 'AIzaSyTestGeminiKey0123456789abcdef', GEMINI_BASE_URL: gemini.url, GEMINI_MODELS: GEMINI_FAKE_MODELS.join(',') })
  registerFakeScope(app, upstream)
  const post = async (path: string, body: unknown) => await (await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) })).text()
  const hello = [{ role: 'user', content: 'Hello' }]
  const shapes: Array<[string, string, Record<string, unknown>]> = [
    ['chat, one answer', 'chat', JSON.parse(await post('/api/chat', { model: 'openai/fake-text', messages: hello, stream: false }))],
    ['chat, last line of a stream', 'chat', parseNdjson(await post('/api/chat', { model: 'openai/fake-text', messages: hello })).at(-1)!],
    ['generate, one answer', 'generate', JSON.parse(await post('/api/generate', { model: 'openai/fake-text', prompt: 'Hello', stream: false }))],
    ['generate, last line of a stream', 'generate', parseNdjson(await post('/api/generate', { model: 'openai/fake-text', prompt: 'Hello' })).at(-1)!],
    ['embed, a provider that counts', 'embed', JSON.parse(await post('/api/embed', { model: 'fakescope/text-embedding-v4', input: ['one', 'two'] }))],
    ['embed, Gemini (no usage)', 'embed', JSON.parse(await post('/api/embed', { model: 'gemini/gemini-embedding-001', input: ['one two three', 'four'] }))],
    ['legacy embeddings', 'embeddings', JSON.parse(await post('/api/embeddings', { model: 'gemini/gemini-embedding-001', prompt: 'one' }))]
  ]
  for (const [name, shape, answer] of shapes) t.same(missing(answer, ALWAYS[shape]!), [], `${name}: nothing missing`)
  const estimated = shapes[5]![2]
  t.equal(estimated.prompt_eval_count, countTokens('one two three') + countTokens('four'), 'Gemini\'s count is an o200k_base estimate')
})

t.test('the Ollama client reads the estimated count', async (t) => {
  const gemini = await startFakeGemini()
  t.teardown(() => gemini.close())
  const { url } = await listenTestApp(t, { GEMINI_API_KEY: 'AIzaSyTestGeminiKey0123456789abcdef', GEMINI_BASE_URL: gemini.url, GEMINI_MODELS: GEMINI_FAKE_MODELS.join(',') })
  const answer = await new Ollama({ host: url }).embed({ model: 'gemini/gemini-embedding-001', input: 'hello world' })
  t.equal(answer.prompt_eval_count, countTokens('hello world'))
})

t.test('a provider that reports no usage still gets counts: the prompt at four characters a token, the answer a token a piece', async (t) => {
  // An OpenAI-compatible server that ignores stream_options.include_usage: three pieces, a finish, no usage chunk.
  const silent = await startFakeServer(async (_call, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    const chunk = (delta: Record<string, unknown>, finish: string | null) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`
    response.end(chunk({ content: 'One' }, null) + chunk({ content: ' two' }, null) + chunk({ content: ' three' }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n')
  })
  t.teardown(() => silent.close())
  const { url } = await listenTestApp(t, { DEEPSEEK_API_KEY: 'sk-test-deepseek', DEEPSEEK_BASE_URL: silent.url })
  const ollama = new Ollama({ host: url })
  const prompt = 'Count to three, please, in English words.'
  const answers = [
    await ollama.chat({ model: 'deepseek/deepseek-chat', messages: [{ role: 'user', content: prompt }], stream: false, think: false }),
    await ollama.generate({ model: 'deepseek/deepseek-chat', prompt, stream: false, think: false })
  ]
  for (const answer of answers) {
    t.equal(answer.eval_count, 3, 'one token a streamed piece')
    t.ok(answer.prompt_eval_count >= Math.floor(prompt.length / 4), `the prompt estimated at four characters a token or more (allowances): ${answer.prompt_eval_count}`)
    t.ok(answer.prompt_eval_duration >= 0 && answer.eval_duration > 0, 'durations come with the counts')
  }
  const lines = parseNdjson(await (await fetch(`${url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'deepseek/deepseek-chat', messages: [{ role: 'user', content: prompt }], think: false }) })).text())
  t.same(missing(lines.at(-1)!, ALWAYS.chat!), [], 'the last streamed line has every field')
})
