/**
 * The names users already write: `provider/<id>` passed through as written, the earlier tool's `datascope/`,
 * LiteLLM's provider prefixes, and bare names a provider claims. Each asserts what the fake upstream received.
 */
import t from 'tap'
import { startFakeAnthropic } from '../helpers/fake-anthropic.js'
import { startFakeGemini } from '../helpers/fake-gemini.js'
import { startFakeOllama } from '../helpers/fake-ollama.js'
import { buildProviderApp } from '../helpers/provider-app.js'

const chat = (model: string) => ({ method: 'POST' as const, url: '/api/chat', payload: { model, messages: [{ role: 'user', content: 'Hi' }], stream: false } })

const OPENAI_COMPATIBLE = ['openai', 'dashscope', 'deepseek', 'siliconflow', 'volcengine', 'moonshot', 'zhipu', 'openrouter', 'groq', 'mistral', 'xai', 'together', 'fireworks']

async function everything (t: Parameters<typeof buildProviderApp>[0]) {
  const anthropic = await startFakeAnthropic()
  const gemini = await startFakeGemini()
  const ollama = await startFakeOllama()
  t.teardown(async () => {
    await anthropic.close()
    await gemini.close()
    await ollama.close()
  })
  const context = await buildProviderApp(t, (origin) => {
    const env: Record<string, string> = {
      ANTHROPIC_API_KEY: 'sk-ant-prefix',
      ANTHROPIC_BASE_URL: anthropic.url,
      GEMINI_API_KEY: 'AIza-prefix',
      GEMINI_BASE_URL: gemini.url,
      OLLAMA_UPSTREAM_URL: ollama.url,
      AZURE_API_KEY: 'azure-prefix',
      AZURE_BASE_URL: `${origin}/azure/openai/v1`
    }
    for (const id of OPENAI_COMPATIBLE) {
      env[`${id.toUpperCase()}_API_KEY`] = `sk-${id}-prefix`
      env[`${id.toUpperCase()}_BASE_URL`] = `${origin}/${id}/v1`
    }
    return env
  })
  await context.app.modelLists.settled()
  return { ...context, anthropic, gemini, ollama }
}

t.test('the names of issue 18 reach their provider\'s chat endpoint with the id shown', async (t) => {
  const { app, upstream, anthropic } = await everything(t)
  const cases: Array<[string, string, string]> = [
    ['datascope/qwen-turbo', '/dashscope/v1/chat/completions', 'qwen-turbo'],
    ['openai/gpt-3.5-turbo', '/openai/v1/chat/completions', 'gpt-3.5-turbo'],
    ['gpt-4', '/openai/v1/chat/completions', 'gpt-4'],
    ['deepseek/deepseek-coder', '/deepseek/v1/chat/completions', 'deepseek-coder'],
    ['siliconflow/Yi-34B-Chat', '/siliconflow/v1/chat/completions', 'Yi-34B-Chat'],
    ['volcengine/doubao-lite-4k', '/volcengine/v1/chat/completions', 'doubao-lite-4k'],
    ['siliconflow/Qwen/Qwen2.5-7B-Instruct', '/siliconflow/v1/chat/completions', 'Qwen/Qwen2.5-7B-Instruct'],
    ['volcengine/doubao-seed-1-6-250615', '/volcengine/v1/chat/completions', 'doubao-seed-1-6-250615'],
    ['openai/gpt-4o-mini-2024-07-18', '/openai/v1/chat/completions', 'gpt-4o-mini-2024-07-18'],
    ['openai/gpt-5.1:latest', '/openai/v1/chat/completions', 'gpt-5.1']
  ]
  for (const [name, path, id] of cases) {
    const before = upstream.calls.length
    const reply = await app.inject(chat(name))
    t.equal(reply.statusCode, 200, `${name} answered`)
    t.equal(reply.json<{ model: string }>().model, name, 'the name as sent is echoed')
    t.match(upstream.calls[before], { path, body: { model: id } }, `${name} -> ${path} as ${id}`)
  }
  const claude = await app.inject(chat('claude-3-opus'))
  t.equal(claude.statusCode, 200)
  t.match(anthropic.calls.at(-1), { url: '/v1/messages', body: { model: 'claude-3-opus' } }, 'claude-3-opus -> Anthropic')
})

t.test('LiteLLM\'s provider prefixes resolve to ours; an unknown prefix is an immediate 404', async (t) => {
  const { app, upstream, anthropic, gemini, ollama } = await everything(t)
  const openAiStyle: Array<[string, string, string]> = [
    ['together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo', '/together/v1/chat/completions', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'],
    ['fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct', '/fireworks/v1/chat/completions', 'accounts/fireworks/models/llama-v3p1-8b-instruct'],
    ['zai/glm-4.5', '/zhipu/v1/chat/completions', 'glm-4.5'],
    ['volcengine/ep-20250101123456-abcde', '/volcengine/v1/chat/completions', 'ep-20250101123456-abcde'],
    ['dashscope/qwen-max-2025-01-25', '/dashscope/v1/chat/completions', 'qwen-max-2025-01-25'],
    ['moonshot/moonshot-v1-128k', '/moonshot/v1/chat/completions', 'moonshot-v1-128k'],
    ['openrouter/mistralai/mistral-small-3.2-24b-instruct:free', '/openrouter/v1/chat/completions', 'mistralai/mistral-small-3.2-24b-instruct:free'],
    ['azure/my-gpt-deployment', '/azure/openai/v1/chat/completions', 'my-gpt-deployment'],
    ['groq/llama-3.1-8b-instant', '/groq/v1/chat/completions', 'llama-3.1-8b-instant'],
    ['mistral/mistral-small-latest', '/mistral/v1/chat/completions', 'mistral-small-latest'],
    ['xai/grok-3-mini', '/xai/v1/chat/completions', 'grok-3-mini'],
    ['deepseek/deepseek-chat', '/deepseek/v1/chat/completions', 'deepseek-chat']
  ]
  for (const [name, path, id] of openAiStyle) {
    const before = upstream.calls.length
    const reply = await app.inject(chat(name))
    t.equal(reply.statusCode, 200, `${name} answered`)
    t.match(upstream.calls[before], { path, body: { model: id } }, `${name} -> ${path} as ${id}`)
  }
  t.equal((await app.inject(chat('anthropic/claude-3-5-haiku-20241022'))).statusCode, 200)
  t.match(anthropic.calls.at(-1), { url: '/v1/messages', body: { model: 'claude-3-5-haiku-20241022' } })
  t.equal((await app.inject(chat('gemini/gemini-1.5-flash-002'))).statusCode, 200)
  t.match(gemini.calls.at(-1), { url: '/v1beta/models/gemini-1.5-flash-002:streamGenerateContent?alt=sse' })
  for (const prefix of ['ollama', 'ollama_chat']) {
    t.equal((await app.inject(chat(`${prefix}/qwen3:8b`))).statusCode, 200, `${prefix}/qwen3:8b`)
    t.match(ollama.calls.at(-1), { url: '/api/chat', body: { model: 'qwen3:8b' } }, `${prefix}/ -> the Ollama upstream, tag kept`)
  }
  // The Ollama upstream's own verdict on a name it lacks, for the name as sent.
  const missing = await app.inject(chat('ollama_chat/not-pulled'))
  t.equal(missing.statusCode, 404)
  t.same(missing.json(), { error: "model 'ollama_chat/not-pulled' not found" })

  // The same verdict for an embedding model, in the embed handler's words.
  const embed = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'siliconflow/BAAI/bge-nonexistent', input: 'x' } })
  t.equal(upstream.calls.at(-1)?.body.model, 'BAAI/bge-nonexistent', 'an embedding id passes through too')
  t.same([embed.statusCode, embed.json()], [404, { error: 'model "siliconflow/BAAI/bge-nonexistent" not found, try pulling it first' }])

  const calls = upstream.calls.length
  for (const name of ['litellm_proxy/gpt-4o', 'bedrock/anthropic.claude-v2', 'nosuchprovider/model']) {
    const reply = await app.inject(chat(name))
    t.equal(reply.statusCode, 404, name)
    t.same(reply.json(), { error: `model '${name}' not found` })
  }
  t.equal(upstream.calls.length, calls, 'no provider was asked')
})

t.test('/api/show answers for an unlisted provider/id from its name', async (t) => {
  const { app } = await everything(t)
  const show = async (model: string) => (await app.inject({ method: 'POST', url: '/api/show', payload: { model } })).json<{ capabilities: string[], model_info: Record<string, unknown> }>()
  t.same((await show('siliconflow/BAAI/bge-large-zh-v1.9')).capabilities, ['embedding'])
  t.same((await show('openai/text-embedding-9')).capabilities, ['embedding'])
  t.same((await show('dashscope/qwen-vl-max-latest')).capabilities, ['completion', 'tools', 'vision'])
  t.same((await show('deepseek/deepseek-r1-distill')).capabilities, ['completion', 'tools', 'thinking'])
  t.same((await show('siliconflow/Qwen/QwQ-32B')).capabilities, ['completion', 'tools', 'thinking'])
  t.same((await show('openai/gpt-4o-mini-2024-07-18')).capabilities, ['completion', 'tools', 'vision'])
  const shown = await show('volcengine/doubao-seed-9')
  t.equal(shown.model_info['volcengine.context_length'], 131_072, 'the provider\'s default context length')
})
