/** What the conformance test cannot express: key spellings, Ark endpoint ids, Azure's URLs and header. */
import t from 'tap'
import { buildProviderApp } from '../helpers/provider-app.js'

const chat = (model: string) => ({ method: 'POST' as const, url: '/api/chat', payload: { model, messages: [{ role: 'user', content: 'Hi' }], stream: false } })

t.test('DashScope takes DATASCOPE_API_KEY, the spelling an earlier version documented', async (t) => {
  const { app, upstream } = await buildProviderApp(t, (origin) => ({ DATASCOPE_API_KEY: 'sk-datascope-spelling', DASHSCOPE_BASE_URL: `${origin}/compatible-mode/v1` }))
  const reply = await app.inject(chat('dashscope/qwen-plus'))
  t.equal(reply.statusCode, 200)
  t.equal(upstream.calls[0]?.headers.authorization, 'Bearer sk-datascope-spelling')
  t.equal(upstream.calls[0]?.path, '/compatible-mode/v1/chat/completions')
})

t.test('DASHSCOPE_API_KEY wins over DATASCOPE_API_KEY when both are set', async (t) => {
  const { app, upstream } = await buildProviderApp(t, (origin) => ({ DASHSCOPE_API_KEY: 'sk-dashscope-right', DATASCOPE_API_KEY: 'sk-datascope-old', DASHSCOPE_BASE_URL: `${origin}/v1` }))
  await app.inject(chat('dashscope/qwen-plus'))
  t.equal(upstream.calls[0]?.headers.authorization, 'Bearer sk-dashscope-right')
})

t.test('Volcengine takes ARK_API_KEY', async (t) => {
  const { app, upstream } = await buildProviderApp(t, (origin) => ({ ARK_API_KEY: 'sk-ark-key-name', VOLCENGINE_BASE_URL: `${origin}/api/v3` }))
  t.equal((await app.inject(chat('volcengine/doubao-seed-1-6'))).statusCode, 200)
  t.equal(upstream.calls[0]?.headers.authorization, 'Bearer sk-ark-key-name')
  t.equal(upstream.calls[0]?.path, '/api/v3/chat/completions')
  t.equal(upstream.calls[0]?.body.model, 'doubao-seed-1-6')
})

t.test('Ark endpoint ids are served although no catalogue lists them', async (t) => {
  const { app, upstream } = await buildProviderApp(t, (origin) => ({ VOLCENGINE_API_KEY: 'sk-volcengine', VOLCENGINE_BASE_URL: `${origin}/api/v3` }))
  const endpoint = 'ep-20250101123456-abcde'

  const prefixed = await app.inject(chat(`volcengine/${endpoint}`))
  t.equal(prefixed.statusCode, 200)
  t.equal(prefixed.json<{ model: string }>().model, `volcengine/${endpoint}`)
  t.equal(upstream.calls[0]?.body.model, endpoint, 'the endpoint id goes upstream as the model')

  const bare = await app.inject(chat(`${endpoint}:latest`))
  t.equal(bare.statusCode, 200, 'a bare ep- id routes to volcengine')
  t.equal(upstream.calls[1]?.body.model, endpoint)

  const shown = (await app.inject({ method: 'POST', url: '/api/show', payload: { model: `volcengine/${endpoint}` } })).json<{ capabilities: string[] }>()
  t.same(shown.capabilities, ['completion', 'tools', 'vision', 'thinking'], 'capabilities of current Doubao models')

  const thinkOff = await app.inject({ ...chat(`volcengine/${endpoint}`), payload: { model: `volcengine/${endpoint}`, messages: [{ role: 'user', content: 'Hi' }], think: false, stream: false } })
  t.equal(thinkOff.statusCode, 200)
  t.same(upstream.calls[2]?.body.thinking, { type: 'disabled' })

  const listed = (await app.inject({ method: 'GET', url: '/api/tags' })).json<{ models: Array<{ name: string }> }>().models.map((model) => model.name)
  t.notOk(listed.some((name) => name.includes(endpoint)), 'unknown endpoints cannot be listed')

  // Any other id goes to Ark as written: Ark's own "does not exist" is Ollama's 404 for the name sent.
  const unknown = await app.inject(chat('volcengine/nonexistent-model'))
  t.equal(unknown.statusCode, 404, 'other unknown ids: the provider\'s verdict')
  t.same(unknown.json(), { error: "model 'volcengine/nonexistent-model' not found" })
  t.equal(upstream.calls.length, 4)
})

t.test('Ark endpoint ids can be listed through VOLCENGINE_MODELS', async (t) => {
  const { app } = await buildProviderApp(t, (origin) => ({ VOLCENGINE_API_KEY: 'sk-volcengine', VOLCENGINE_BASE_URL: `${origin}/api/v3`, VOLCENGINE_MODELS: 'ep-20250101123456-abcde' }))
  const listed = (await app.inject({ method: 'GET', url: '/api/tags' })).json<{ models: Array<{ name: string }> }>().models.map((model) => model.name)
  t.ok(listed.includes('volcengine/ep-20250101123456-abcde:latest'))
})

t.test('Azure: deployment URLs, api-version and the api-key header', async (t) => {
  t.test('a resource URL: the model name is the deployment', async (t) => {
    const { app, upstream } = await buildProviderApp(t, (origin) => ({ AZURE_API_KEY: 'azure-secret-key', AZURE_BASE_URL: `${origin}/openai/`, AZURE_MODELS: 'gpt4o-prod,o4-mini-eu' }))
    t.equal((await app.inject(chat('azure/o4-mini-eu'))).statusCode, 200)
    const call = upstream.calls[0]!
    t.equal(call.path, '/openai/deployments/o4-mini-eu/chat/completions?api-version=2024-10-21')
    t.equal(call.headers['api-key'], 'azure-secret-key')
    t.equal(call.headers.authorization, undefined)
    t.equal(call.body.model, 'o4-mini-eu')
  })

  t.test('a deployment URL and AZURE_API_VERSION', async (t) => {
    const { app, upstream } = await buildProviderApp(t, (origin) => ({
      AZURE_API_KEY: 'azure-secret-key', AZURE_BASE_URL: `${origin}/openai/deployments/gpt4o-prod`, AZURE_MODELS: 'gpt4o-prod', AZURE_API_VERSION: '2025-04-01-preview'
    }))
    t.equal((await app.inject(chat('azure/gpt4o-prod'))).statusCode, 200)
    t.equal(upstream.calls[0]?.path, '/openai/deployments/gpt4o-prod/chat/completions?api-version=2025-04-01-preview')
  })

  t.test('the v1 surface: model in the body, no api-version', async (t) => {
    const { app, upstream } = await buildProviderApp(t, (origin) => ({ AZURE_OPENAI_API_KEY: 'azure-secret-key', AZURE_BASE_URL: `${origin}/openai/v1`, AZURE_MODELS: 'gpt-5-mini' }))
    t.equal((await app.inject(chat('azure/gpt-5-mini'))).statusCode, 200)
    t.equal(upstream.calls[0]?.path, '/openai/v1/chat/completions')
    t.equal(upstream.calls[0]?.headers['api-key'], 'azure-secret-key')
    t.equal(upstream.calls[0]?.body.model, 'gpt-5-mini')
  })

  t.test('a key without a base URL leaves Azure inactive', async (t) => {
    const { app } = await buildProviderApp(t, () => ({ AZURE_API_KEY: 'azure-secret-key', AZURE_MODELS: 'gpt4o-prod' }))
    t.equal(app.providers.get('azure'), undefined)
    t.equal((await app.inject(chat('azure/gpt4o-prod'))).statusCode, 404)
  })

  t.test('an Azure error names no key', async (t) => {
    const { app } = await buildProviderApp(t, (origin) => ({ AZURE_API_KEY: 'sk-test-secret-key', AZURE_BASE_URL: `${origin}/openai`, AZURE_MODELS: 'fake-429' }))
    const reply = await app.inject(chat('azure/fake-429'))
    t.equal(reply.statusCode, 429)
    t.notMatch(reply.body, /sk-test-secret-key/, 'the key the upstream echoed is redacted')
    t.match(reply.json<{ error: string }>().error, /azure upstream error 429/)
  })
})

t.test('DeepSeek: FIM on /beta/completions, reasoning effort beside the switch, reasoning kept in history', async (t) => {
  const { app, upstream } = await buildProviderApp(t, (origin) => ({ DEEPSEEK_API_KEY: 'sk-deepseek', DEEPSEEK_BASE_URL: `${origin}/v1` }))
  const insert = await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'deepseek/deepseek-chat', prompt: 'def f(', suffix: '\n  return x', stream: false } })
  t.equal(insert.statusCode, 200)
  t.equal(upstream.calls[0]?.path, '/v1/beta/completions')
  t.match(upstream.calls[0]?.body, { prompt: 'def f(', suffix: '\n  return x' })

  await app.inject({ ...chat('deepseek/deepseek-v4-pro'), payload: { model: 'deepseek/deepseek-v4-pro', messages: [{ role: 'user', content: 'Hi' }], think: 'high', stream: false } })
  t.match(upstream.calls[1]?.body, { thinking: { type: 'enabled' }, reasoning_effort: 'high' })

  const history = [
    { role: 'user', content: 'Weather?' },
    { role: 'assistant', content: '', thinking: 'Call the tool.', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
    { role: 'tool', content: 'sunny', tool_name: 'get_weather' }
  ]
  await app.inject({ ...chat('deepseek/deepseek-v4-pro'), payload: { model: 'deepseek/deepseek-v4-pro', messages: history, stream: false } })
  t.equal((upstream.calls[2]?.body.messages as Array<{ reasoning_content?: string }>)[1]?.reasoning_content, 'Call the tool.')
})

t.test('DashScope and SiliconFlow accept top_k; Ark maps levels onto its efforts', async (t) => {
  const { app, upstream } = await buildProviderApp(t, (origin) => ({
    DASHSCOPE_API_KEY: 'sk-dashscope',
    DASHSCOPE_BASE_URL: `${origin}/dashscope/v1`,
    SILICONFLOW_API_KEY: 'sk-siliconflow',
    SILICONFLOW_BASE_URL: `${origin}/siliconflow/v1`,
    VOLCENGINE_API_KEY: 'sk-volcengine',
    VOLCENGINE_BASE_URL: `${origin}/api/v3`
  }))
  const withTopK = (model: string) => ({ ...chat(model), payload: { model, messages: [{ role: 'user', content: 'Hi' }], options: { top_k: 20 }, stream: false } })
  await app.inject(withTopK('dashscope/qwen-plus'))
  await app.inject(withTopK('siliconflow/Qwen/Qwen3-8B'))
  t.equal(upstream.calls[0]?.body.top_k, 20)
  t.equal(upstream.calls[1]?.body.top_k, 20)
  await app.inject({ ...chat('volcengine/doubao-seed-1-6'), payload: { model: 'volcengine/doubao-seed-1-6', messages: [{ role: 'user', content: 'Hi' }], think: 'low', stream: false } })
  t.match(upstream.calls[2]?.body, { thinking: { type: 'enabled' }, reasoning_effort: 'low' })
})
