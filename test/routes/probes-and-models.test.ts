import t from 'tap'
import { Validator } from '@seriousme/openapi-schema-validator'
import { buildTestApp } from '../helpers/build-app.js'

t.test('GET and HEAD / answer Ollama\'s exact text', async (t) => {
  const { app } = await buildTestApp(t)
  const get = await app.inject({ method: 'GET', url: '/' })
  t.equal(get.statusCode, 200)
  t.equal(get.body, 'Ollama is running')
  t.equal(get.headers['content-type'], 'text/plain; charset=utf-8')
  const head = await app.inject({ method: 'HEAD', url: '/' })
  t.equal(head.statusCode, 200)
  t.equal(head.body, '')
})

t.test('/api/version is numeric, configurable, and answers HEAD', async (t) => {
  const { app } = await buildTestApp(t, { OLLAMA_VERSION: '0.9.1' })
  const response = await app.inject({ method: 'GET', url: '/api/version' })
  t.same(response.json(), { version: '0.9.1' })
  t.equal((await app.inject({ method: 'HEAD', url: '/api/version' })).statusCode, 200)
  const { app: defaults } = await buildTestApp(t)
  t.match((await defaults.inject({ method: 'GET', url: '/api/version' })).json().version, /^\d+\.\d+\.\d+$/)
})

t.test('/api/tags lists every model with Ollama\'s entry fields', async (t) => {
  const { app } = await buildTestApp(t)
  const { models } = (await app.inject({ method: 'GET', url: '/api/tags' })).json() as { models: Array<Record<string, any>> } // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON answer, read field by field
  const gpt = models.find((entry) => entry.name === 'openai/gpt-4o:latest')
  t.ok(gpt, 'catalogue models are listed in canonical form')
  t.equal(gpt!.model, gpt!.name)
  t.match(gpt!.digest, /^[0-9a-f]{64}$/)
  t.match(gpt!.modified_at, /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/)
  t.equal(gpt!.size, 0)
  t.same(Object.keys(gpt!.details).sort(), ['context_length', 'families', 'family', 'format', 'parameter_size', 'parent_model', 'quantization_level'])
  t.ok(models.some((entry) => entry.name === 'openai/fake-text:latest'), 'OPENAI_MODELS extends the catalogue')
})

t.test('/api/tags is empty, not null, when no provider has a key', async (t) => {
  const { app } = await buildTestApp(t, { OPENAI_API_KEY: '' })
  t.same((await app.inject({ method: 'GET', url: '/api/tags' })).json(), { models: [] })
})

t.test('/api/show gives capabilities and model_info; legacy name; errors', async (t) => {
  const { app } = await buildTestApp(t)
  const show = await app.inject({ method: 'POST', url: '/api/show', payload: { model: 'openai/gpt-4o' } })
  t.equal(show.statusCode, 200)
  const body = show.json()
  t.same(body.capabilities, ['completion', 'tools', 'vision'])
  t.equal(body.model_info['general.architecture'], 'gpt')
  t.equal(body.model_info['gpt.context_length'], 128000)
  t.equal(body.model_info['general.basename'], 'gpt-4o')
  t.equal(body.details.family, 'gpt')

  const legacy = await app.inject({ method: 'POST', url: '/api/show', payload: { name: 'openai/o3:latest' } })
  t.ok(legacy.json().capabilities.includes('thinking'))

  const copilot = await app.inject({ method: 'POST', url: '/api/show', headers: { 'user-agent': 'GitHubCopilotChat/0.30' }, payload: { model: 'openai/gpt-4o:latest' } })
  t.equal(copilot.json().model_info['general.basename'], 'openai/gpt-4o:latest', 'Copilot sees the requested name, as real Ollama shows it')

  const embedding = await app.inject({ method: 'POST', url: '/api/show', payload: { model: 'openai/text-embedding-3-small' } })
  t.same(embedding.json().capabilities, ['embedding'])

  const unknown = await app.inject({ method: 'POST', url: '/api/show', payload: { model: 'nosuchprovider/nope' } })
  t.equal(unknown.statusCode, 404)
  t.same(unknown.json(), { error: "model 'nosuchprovider/nope:latest' not found" })
  const missing = await app.inject({ method: 'POST', url: '/api/show', payload: {} })
  t.equal(missing.statusCode, 400)
  t.same(missing.json(), { error: 'model is required' })
})

t.test('/api/ps lists recently used models with an expiry', async (t) => {
  const { app } = await buildTestApp(t)
  t.same((await app.inject({ method: 'GET', url: '/api/ps' })).json(), { models: [] })
  await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-text', messages: [{ role: 'user', content: 'hi' }], stream: false } })
  const { models } = (await app.inject({ method: 'GET', url: '/api/ps' })).json()
  t.equal(models.length, 1)
  t.equal(models[0].model, 'openai/fake-text:latest')
  t.ok(Date.parse(models[0].expires_at) > Date.now(), 'expires in the future')
  t.type(models[0].context_length, 'number')
  await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-text', messages: [], keep_alive: 0 } })
  t.same((await app.inject({ method: 'GET', url: '/api/ps' })).json(), { models: [] }, 'unload removes it')
})

t.test('unknown paths and wrong methods answer as gin does', async (t) => {
  const { app } = await buildTestApp(t)
  const missing = await app.inject({ method: 'GET', url: '/api/nothing' })
  t.equal(missing.statusCode, 404)
  t.equal(missing.body, '404 page not found')
  const wrongMethod = await app.inject({ method: 'GET', url: '/api/chat' })
  t.equal(wrongMethod.statusCode, 405)
  t.equal(wrongMethod.body, '405 method not allowed')
})

t.test('/openapi.json is a valid OpenAPI 3 document and /docs serves the page', async (t) => {
  const { app } = await buildTestApp(t)
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  t.match(document.openapi, /^3\./)
  const validator = new Validator()
  const result = await validator.validate(document)
  t.ok(result.valid, JSON.stringify(result.errors))
  t.ok(document.paths['/api/chat'].post.responses['200'].content['application/x-ndjson'], 'NDJSON is documented')
  t.ok(document.components.schemas.ChatRequest, '$id schemas become named components')
  const docs = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(docs.statusCode, 200)
  t.match(docs.headers['content-type'], /text\/html/)
})
