/** Bare model names through the real app: routed only to active providers, and to models they serve. */
import t from 'tap'
import { buildProviderApp } from '../helpers/provider-app.js'

const chat = (model: string) => ({ method: 'POST' as const, url: '/api/chat', payload: { model, messages: [{ role: 'user', content: 'Hi' }], stream: false } })

function someProviders (origin: string): Record<string, string> {
  return {
    OPENAI_API_KEY: 'sk-openai-routing',
    OPENAI_BASE_URL: `${origin}/openai/v1`,
    DEEPSEEK_API_KEY: 'sk-deepseek-routing',
    DEEPSEEK_BASE_URL: `${origin}/deepseek`,
    DASHSCOPE_API_KEY: 'sk-dashscope-routing',
    DASHSCOPE_BASE_URL: `${origin}/dashscope/v1`,
    VOLCENGINE_API_KEY: 'sk-volcengine-routing',
    VOLCENGINE_BASE_URL: `${origin}/volcengine/api/v3`,
    MOONSHOT_API_KEY: 'sk-moonshot-routing',
    MOONSHOT_BASE_URL: `${origin}/moonshot/v1`
  }
}

t.test('bare names reach the active provider their prefix names', async (t) => {
  const { app, upstream } = await buildProviderApp(t, someProviders)
  const cases: Array<[string, string, string]> = [
    ['gpt-4o', '/openai/v1/chat/completions', 'gpt-4o'],
    ['o4-mini:latest', '/openai/v1/chat/completions', 'o4-mini'],
    ['deepseek-v4-pro', '/deepseek/chat/completions', 'deepseek-v4-pro'],
    ['qwen-plus', '/dashscope/v1/chat/completions', 'qwen-plus'],
    ['QwQ-Plus', '/dashscope/v1/chat/completions', 'qwq-plus'],
    ['doubao-seed-1-6', '/volcengine/api/v3/chat/completions', 'doubao-seed-1-6'],
    ['kimi-k2.6', '/moonshot/v1/chat/completions', 'kimi-k2.6'],
    ['moonshot-v1-8k', '/moonshot/v1/chat/completions', 'moonshot-v1-8k']
  ]
  for (const [name, path, upstreamModel] of cases) {
    const before = upstream.calls.length
    const reply = await app.inject(chat(name))
    t.equal(reply.statusCode, 200, `${name} answered`)
    t.equal(upstream.calls[before]?.path, path, `${name} went to ${path}`)
    t.equal(upstream.calls[before]?.body.model, upstreamModel, `${name} sent as ${upstreamModel}`)
  }

  const shown = (await app.inject({ method: 'POST', url: '/api/show', payload: { model: 'qwen3-max' } })).json<{ capabilities: string[], model_info: Record<string, unknown> }>()
  t.same(shown.capabilities, ['completion', 'tools', 'thinking'], '/api/show resolves bare names too')
  t.equal(shown.model_info['qwen.context_length'], 262_144)
})

t.test('a bare name whose provider is inactive is not found, with the variable to set; the active provider judges the rest', async (t) => {
  const { app, upstream } = await buildProviderApp(t, someProviders)
  const inactive: Array<[string, string]> = [
    ['claude-sonnet-4-5', 'ANTHROPIC_API_KEY'],
    ['gemini-2.5-pro', 'GEMINI_API_KEY'],
    ['glm-5', 'ZHIPU_API_KEY'],
    ['mistral/mistral-large-latest', 'MISTRAL_API_KEY']
  ]
  for (const [name, variable] of inactive) {
    const reply = await app.inject(chat(name))
    t.equal(reply.statusCode, 404, name)
    t.match(reply.json(), { error: new RegExp(`^model '${name}' not found \\(set ${variable} to use `) }, `${name}: Ollama's 404, ending with ${variable}`)
  }
  t.equal(upstream.calls.length, 0, 'no provider was asked')
  const unknown = await app.inject(chat('mistral-large-latest'))
  t.same(unknown.json(), { error: "model 'mistral-large-latest' not found" }, 'a name no provider claims: Ollama\'s 404 as it is')

  // Claimed by an active provider: sent as written, and the provider's "does not exist" is Ollama's 404 for the name sent.
  for (const [name, path] of [['gpt-nonexistent', '/openai/v1/chat/completions'], ['qwen-nonexistent:latest', '/dashscope/v1/chat/completions']]) {
    const before = upstream.calls.length
    const reply = await app.inject(chat(name!))
    t.equal(upstream.calls[before]?.path, path, `${name} went to its provider`)
    t.equal(upstream.calls[before]?.body.model, name!.replace(/:latest$/, ''))
    t.equal(reply.statusCode, 404)
    t.same(reply.json(), { error: `model '${name}' not found` }, `${name}: the provider's verdict in Ollama's words`)
  }
})

t.test('the same bare name follows the provider once it is active', async (t) => {
  const { app, upstream } = await buildProviderApp(t, (origin) => ({ ...someProviders(origin), ZHIPU_API_KEY: 'sk-zhipu-routing', ZHIPU_BASE_URL: `${origin}/zhipu/api/paas/v4` }))
  t.equal((await app.inject(chat('glm-5'))).statusCode, 200)
  t.equal(upstream.calls[0]?.path, '/zhipu/api/paas/v4/chat/completions')
  t.equal(upstream.calls[0]?.headers.authorization, 'Bearer sk-zhipu-routing')
})

t.test('built-in aliases resolve to their provider models, and are listed only while it is active', async (t) => {
  const { app, upstream } = await buildProviderApp(t, someProviders)
  const cases: Array<[string, string]> = [
    ['qwen2:7b', 'qwen2-7b-instruct'],
    ['qwen2:14b', 'qwen2.5-14b-instruct'],
    ['qwen2:72b', 'qwen2-72b-instruct'],
    ['deepseek-chat', 'deepseek-chat'],
    ['deepseek-coder', 'deepseek-chat'],
    ['doubao-lite', 'doubao-1-5-lite-32k-250115'],
    ['doubao-pro:latest', 'doubao-1-5-pro-32k-250115']
  ]
  for (const [name, upstreamModel] of cases) {
    const before = upstream.calls.length
    t.equal((await app.inject(chat(name))).statusCode, 200, name)
    t.equal(upstream.calls[before]?.body.model, upstreamModel, `${name} -> ${upstreamModel}`)
  }
  const listed = (await app.inject({ method: 'GET', url: '/api/tags' })).json<{ models: Array<{ name: string, capabilities: string[] }> }>().models
  const names = listed.map((model) => model.name)
  for (const name of ['qwen2:7b', 'qwen2:14b', 'qwen2:72b', 'deepseek-chat:latest', 'deepseek-coder:latest', 'doubao-lite:latest', 'doubao-pro:latest', 'text-embedding-v1:latest', 'text-embedding-v2:latest']) {
    t.ok(names.includes(name), `${name} listed`)
  }
  t.same(listed.find((model) => model.name === 'text-embedding-v2:latest')?.capabilities, ['embedding'])
  for (const name of ['yi-34b-chat:latest', 'llama3-8b:latest']) t.notOk(names.includes(name), `${name} not listed: SiliconFlow is inactive`)
  const inactive = await app.inject(chat('llama3-8b'))
  t.equal(inactive.statusCode, 404)
  t.same(inactive.json(), { error: "model 'llama3-8b' not found" })
})

t.test('the SiliconFlow aliases once SiliconFlow is active', async (t) => {
  const { app, upstream } = await buildProviderApp(t, (origin) => ({ SILICONFLOW_API_KEY: 'sk-siliconflow', SILICONFLOW_BASE_URL: `${origin}/v1` }))
  t.equal((await app.inject(chat('yi-34b-chat'))).statusCode, 200)
  t.equal(upstream.calls[0]?.body.model, '01-ai/Yi-1.5-34B-Chat-16K')
  t.equal((await app.inject(chat('llama3-8b'))).statusCode, 200)
  t.equal(upstream.calls[1]?.body.model, 'meta-llama/Meta-Llama-3.1-8B-Instruct')
  const names = (await app.inject({ method: 'GET', url: '/api/tags' })).json<{ models: Array<{ name: string }> }>().models.map((model) => model.name)
  t.ok(names.includes('yi-34b-chat:latest'))
  t.notOk(names.includes('qwen2:7b'), 'DashScope aliases stay hidden')
})
