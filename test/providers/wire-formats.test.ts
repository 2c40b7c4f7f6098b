/**
 * Each provider's recorded stream shapes (test/fixtures/<provider>/) through the real app: the quirks
 * providers.md lists must come out as Ollama answers (thinking apart from content, usage counted,
 * tool calls whole, SSE comments and filter chunks ignored, error bodies of every shape kept).
 */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { parseNdjson } from '../helpers/build-app.js'
import { startFixtureUpstream, type FixtureUpstream } from '../helpers/fixture-upstream.js'

interface Answer {
  model: string
  message: { content: string, thinking?: string, tool_calls?: Array<{ function: { name: string, arguments: Record<string, unknown> } }> }
  done_reason: string
  prompt_eval_count: number
  eval_count: number
}

async function fixtureApp (t: { teardown(fn: () => unknown): void }): Promise<{ app: FastifyInstance, upstream: FixtureUpstream }> {
  const upstream = await startFixtureUpstream()
  t.teardown(() => upstream.close())
  const base = (provider: string) => `${upstream.origin}/${provider}/v1`
  const app = await buildApp({
    logger: false,
    env: {
      // No load shedding, as in buildTestApp: a busy test machine must not turn answers into 503s.
      MAX_EVENT_LOOP_DELAY_MS: '0',
      DASHSCOPE_API_KEY: 'sk-dashscope-fixture',
      DASHSCOPE_BASE_URL: base('dashscope'),
      DASHSCOPE_MODELS: 'tool-call',
      DEEPSEEK_API_KEY: 'sk-deepseek-fixture',
      DEEPSEEK_BASE_URL: base('deepseek'),
      SILICONFLOW_API_KEY: 'sk-siliconflow-fixture',
      SILICONFLOW_BASE_URL: base('siliconflow'),
      SILICONFLOW_MODELS: 'no-such-model',
      VOLCENGINE_API_KEY: 'sk-volcengine-fixture',
      VOLCENGINE_BASE_URL: base('volcengine'),
      MISTRAL_API_KEY: 'sk-mistral-fixture',
      MISTRAL_BASE_URL: base('mistral'),
      GROQ_API_KEY: 'sk-groq-fixture',
      GROQ_BASE_URL: base('groq'),
      OPENROUTER_API_KEY: 'sk-openrouter-fixture',
      OPENROUTER_BASE_URL: base('openrouter'),
      MOONSHOT_API_KEY: 'sk-moonshot-fixture',
      MOONSHOT_BASE_URL: base('moonshot'),
      AZURE_API_KEY: 'azure-fixture-key',
      AZURE_BASE_URL: `${upstream.origin}/azure/openai`,
      AZURE_MODELS: 'gpt4o-prod'
    }
  })
  t.teardown(() => app.close())
  return { app, upstream }
}

const WEATHER_TOOL = { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }

async function ask (app: FastifyInstance, model: string, extra: Record<string, unknown> = {}): Promise<Answer> {
  const reply = await app.inject({ method: 'POST', url: '/api/chat', payload: { model, messages: [{ role: 'user', content: 'Hi' }], stream: false, ...extra } })
  if (reply.statusCode !== 200) throw new Error(`${model}: ${reply.statusCode} ${reply.body}`)
  return reply.json<Answer>()
}

t.test('DashScope: empty ids on later tool deltas, a trailing empty delta, usage on a choices-less chunk', async (t) => {
  const { app } = await fixtureApp(t)
  const answer = await ask(app, 'dashscope/tool-call', { tools: [WEATHER_TOOL] })
  t.equal(answer.message.tool_calls?.length, 1, 'one call, not one per delta')
  t.same(answer.message.tool_calls?.[0]?.function, { index: 0, name: 'get_weather', arguments: { city: 'Hangzhou' } })
  t.equal(answer.prompt_eval_count, 210)
  t.equal(answer.eval_count, 22)
})

t.test('DashScope QwQ (stream-only): a non-streamed request is answered from the stream, thinking apart', async (t) => {
  const { app, upstream } = await fixtureApp(t)
  const answer = await ask(app, 'qwq-plus', { think: true })
  t.equal(upstream.calls[0]?.body.stream, true, 'streamed upstream although the client asked for one object')
  t.equal(upstream.calls[0]?.body.enable_thinking, true)
  t.equal(answer.message.thinking, 'The user asks 2+2. That is 4.')
  t.equal(answer.message.content, '2 + 2 = 4.', 'no reasoning mixed into content')
  t.equal(answer.eval_count, 40)

  const streamed = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'dashscope/qwq-plus', messages: [{ role: 'user', content: 'Hi' }], think: true } })
  const lines = parseNdjson(streamed.body)
  t.equal(lines.map((line) => (line.message as { thinking?: string })?.thinking ?? '').join(''), 'The user asks 2+2. That is 4.')
  t.equal(lines.map((line) => (line.message as { content?: string })?.content ?? '').join(''), '2 + 2 = 4.')
  t.match(lines.at(-1), { done: true, done_reason: 'stop', eval_count: 40 })
})

t.test('DashScope: an OpenAI-shaped error keeps its message and leaks no key', async (t) => {
  const { app } = await fixtureApp(t)
  const reply = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'dashscope/qwen-max', messages: [{ role: 'user', content: 'Hi' }] } })
  t.not(reply.statusCode, 200)
  t.match(reply.json<{ error: string }>().error, /dashscope upstream error 401: Incorrect API key provided/)
  t.notMatch(reply.body, /sk-dashscope-fixture/)
})

t.test('DeepSeek: keep-alive comments while queued, null content beside reasoning, usage on the finish chunk', async (t) => {
  const { app } = await fixtureApp(t)
  const answer = await ask(app, 'deepseek/deepseek-reasoner', { think: true })
  t.equal(answer.message.thinking, 'Think about it.')
  t.equal(answer.message.content, 'Paris.')
  t.equal(answer.prompt_eval_count, 11)
  t.equal(answer.eval_count, 9)
})

t.test('SiliconFlow: usage on every chunk (the last one counts), UTF-8 content', async (t) => {
  const { app } = await fixtureApp(t)
  const answer = await ask(app, 'siliconflow/Qwen/Qwen3-8B')
  t.equal(answer.message.content, '你好！')
  t.equal(answer.eval_count, 2)
  t.equal(answer.prompt_eval_count, 9)
})

t.test('SiliconFlow: its {code, message, data} "Model does not exist" is Ollama\'s 404 for the name sent', async (t) => {
  const { app } = await fixtureApp(t)
  const reply = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'siliconflow/no-such-model', messages: [{ role: 'user', content: 'Hi' }] } })
  t.equal(reply.statusCode, 404, 'a model the provider does not have is an unknown model')
  t.same(reply.json(), { error: "model 'siliconflow/no-such-model' not found" })
})

t.test('Volcengine: an endpoint id streams; Ark\'s unknown endpoint is Ollama\'s 404 for the name sent', async (t) => {
  const { app, upstream } = await fixtureApp(t)
  const answer = await ask(app, 'volcengine/ep-20250202000000-xyz12')
  t.equal(upstream.calls[0]?.body.model, 'ep-20250202000000-xyz12')
  t.equal(answer.message.thinking, 'Short thought.', 'Ark reasons by default; the thinking is kept apart')
  t.equal(answer.message.content, 'Hi there.')
  t.equal(answer.eval_count, 8)

  const missing = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'ep-20250101123456-abcde', messages: [{ role: 'user', content: 'Hi' }] } })
  t.equal(missing.statusCode, 404)
  t.same(missing.json(), { error: "model 'ep-20250101123456-abcde' not found" })
})

t.test('Mistral: a whole tool call in one chunk without index, usage on the same chunk', async (t) => {
  const { app, upstream } = await fixtureApp(t)
  const answer = await ask(app, 'mistral/mistral-large-latest', { tools: [WEATHER_TOOL] })
  t.same(answer.message.tool_calls?.map((call) => call.function), [{ index: 0, name: 'get_weather', arguments: { city: 'Paris' } }])
  t.equal(answer.eval_count, 22)
  t.notOk('stream_options' in upstream.calls[0]!.body, 'no stream_options sent to Mistral')
})

t.test('Groq: reasoning in delta.reasoning, usage on the last chunk', async (t) => {
  const { app, upstream } = await fixtureApp(t)
  const answer = await ask(app, 'groq/openai/gpt-oss-20b', { think: 'high' })
  t.equal(upstream.calls[0]?.body.reasoning_effort, 'high')
  t.equal(answer.message.thinking, 'Simple greeting.')
  t.equal(answer.message.content, 'Hello!')
  t.equal(answer.eval_count, 12)
})

t.test('OpenRouter: PROCESSING comments and reasoning in delta.reasoning', async (t) => {
  const { app } = await fixtureApp(t)
  const answer = await ask(app, 'openrouter/anthropic/claude-sonnet-4.5', { think: true })
  t.equal(answer.message.thinking, 'Weighing options.')
  t.equal(answer.message.content, 'Use a map.')
  t.equal(answer.eval_count, 14)
})

t.test('Moonshot: reasoning_content and usage on the finish chunk', async (t) => {
  const { app } = await fixtureApp(t)
  const answer = await ask(app, 'kimi-k2.6', { think: true })
  t.equal(answer.message.thinking, 'Greeting.')
  t.equal(answer.message.content, '你好！')
  t.equal(answer.eval_count, 6)
})

t.test('Azure: a choices-less prompt-filter chunk first and a delta-less filter chunk after the finish', async (t) => {
  const { app, upstream } = await fixtureApp(t)
  const answer = await ask(app, 'azure/gpt4o-prod')
  t.equal(upstream.calls[0]?.path, '/azure/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21')
  t.equal(upstream.calls[0]?.headers['api-key'], 'azure-fixture-key')
  t.equal(answer.message.content, 'Hello from Azure.')
  t.equal(answer.done_reason, 'stop')
  t.equal(answer.eval_count, 5)
})
