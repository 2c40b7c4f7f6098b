import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp, parseNdjson } from '../helpers/build-app.js'

t.test('pull: progress for served models, Ollama\'s errors otherwise', async (t) => {
  const { app } = await buildTestApp(t)
  const streamed = await app.inject({ method: 'POST', url: '/api/pull', payload: { name: 'openai/gpt-4o' } })
  t.equal(streamed.statusCode, 200)
  t.equal(streamed.headers['content-type'], 'application/x-ndjson')
  const lines = parseNdjson(streamed.body)
  t.same(lines.at(-1), { status: 'success' })
  t.match(lines[1], { status: 'verifying sha256 digest', digest: /^sha256:[0-9a-f]{64}$/ })

  const unknown = await app.inject({ method: 'POST', url: '/api/pull', payload: { model: 'llama3.2', insecure: true } })
  t.equal(unknown.statusCode, 200, 'a streamed failure keeps status 200, as Ollama\'s does')
  t.same(parseNdjson(unknown.body), [{ status: 'pulling manifest' }, { error: 'pull model manifest: file does not exist' }])

  for (const [payload, status, error] of [
    [{}, 400, 'invalid model name'],
    [{ model: 'bad name' }, 400, 'invalid model name']
  ] as const) {
    const response = await app.inject({ method: 'POST', url: '/api/pull', payload })
    t.equal(response.statusCode, status)
    t.same(response.json(), { error })
  }
  const empty = await app.inject({ method: 'POST', url: '/api/pull' })
  t.same([empty.statusCode, empty.json()], [400, { error: 'missing request body' }])
})

t.test('a served model id outside Ollama\'s name syntax still pulls, copies and is refused deletion, not called invalid', async (t) => {
  const { app } = await buildTestApp(t, { OPENAI_MODELS: 'org/sub/odd@model+1' })
  const pulled = await app.inject({ method: 'POST', url: '/api/pull', payload: { model: 'openai/org/sub/odd@model+1', stream: false } })
  t.same(pulled.json(), { status: 'success' })
  const copied = await app.inject({ method: 'POST', url: '/api/copy', payload: { source: 'openai/org/sub/odd@model+1', destination: 'odd' } })
  t.equal(copied.statusCode, 200)
  const deleted = await app.inject({ method: 'DELETE', url: '/api/delete', payload: { model: 'openai/org/sub/odd@model+1' } })
  t.equal(deleted.statusCode, 400)
  t.match(deleted.json(), { error: /is served by OpenAI/ })
})

t.test('push: model required; never a success', async (t) => {
  const { app } = await buildTestApp(t)
  const missing = await app.inject({ method: 'POST', url: '/api/push', payload: {} })
  t.same([missing.statusCode, missing.json()], [400, { error: 'model is required' }])
  const streamed = await app.inject({ method: 'POST', url: '/api/push', payload: { model: 'openai/gpt-4o' } })
  const lines = parseNdjson(streamed.body)
  t.notOk(lines.some((line) => line.status === 'success'))
  t.match(lines.at(-1), { error: /^pushing is not supported/ })
})

t.test('create: each invalid request gets Ollama\'s status and a clear message; nothing is saved', async (t) => {
  const { app } = await buildTestApp(t)
  const cases: Array<[Record<string, unknown>, number, string | RegExp]> = [
    [{ from: 'openai/fake-text' }, 400, 'invalid model name'],
    [{ model: 'has space', from: 'openai/fake-text' }, 400, 'invalid model name'],
    [{ model: 'mine' }, 400, "neither 'from' or 'files' was specified"],
    [{ model: 'mine', files: { 'model.gguf': 'sha256:' + 'a'.repeat(64) } }, 400, /^creating a model from files is not supported/],
    [{ model: 'mine', from: 'openai/fake-text', messages: [{ role: 'tool', content: 'hi' }] }, 400, 'invalid message role: "tool" (a model\'s messages are system, user or assistant)'],
    [{ model: 'mine', from: 'openai/fake-text', parameters: { temperature: 'hot' } }, 400, 'option "temperature" must be of type float32'],
    [{ model: 'mine', from: 'nosuchprovider/nope' }, 404, "model 'nosuchprovider/nope' not found"],
    [{ model: 'openai/gpt-4o', from: 'openai/fake-text', system: 'x' }, 400, "model 'openai/gpt-4o' is served by OpenAI; only models made with create or copy can be changed"]
  ]
  for (const [payload, status, error] of cases) {
    const response = await app.inject({ method: 'POST', url: '/api/create', payload })
    t.equal(response.statusCode, status, JSON.stringify(payload))
    t.match(response.json(), { error }, JSON.stringify(payload))
  }
  t.notOk((await app.inject({ method: 'GET', url: '/api/tags' })).json().models.some((model: { name: string }) => model.name === 'mine:latest'))
})

t.test('copy and delete: invalid names, unknown models and provider models', async (t) => {
  const { app } = await buildTestApp(t)
  const copy = async (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/copy', payload })
  t.same((await copy({ destination: 'x' })).json(), { error: 'source "" is invalid' })
  t.same((await copy({ source: 'openai/fake-text', destination: 'bad name' })).json(), { error: 'destination "bad name" is invalid' })
  const missing = await copy({ source: 'nope', destination: 'x' })
  t.same([missing.statusCode, missing.json()], [404, { error: 'model "nope" not found' }])
  const overProvider = await copy({ source: 'openai/fake-text', destination: 'openai/gpt-4o' })
  t.equal(overProvider.statusCode, 400, 'a copy cannot replace a provider\'s model')

  const remove = async (payload: Record<string, unknown>) => app.inject({ method: 'DELETE', url: '/api/delete', payload })
  t.same([(await remove({})).statusCode, (await remove({})).json()], [400, { error: 'name "" is invalid' }])
  const unknown = await remove({ model: 'nope' })
  t.same([unknown.statusCode, unknown.json()], [404, { error: "model 'nope' not found" }])
  const provider = await remove({ name: 'openai/gpt-4o:latest' })
  t.equal(provider.statusCode, 400)
  const chat = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'x' }], stream: false } })
  t.equal(chat.statusCode, 200, 'the provider\'s model still answers')
})

t.test('a failed write answers an error and leaves the model undefined', async (t) => {
  const { app: host } = await buildTestApp(t)
  const dataDir = join(host.config.DATA_DIR, 'later')
  const { app } = await buildTestApp(t, { DATA_DIR: dataDir })
  // A file where the data directory should be: the store cannot be written.
  await writeFile(dataDir, 'not a directory')
  const response = await app.inject({ method: 'POST', url: '/api/create', payload: { model: 'mine', from: 'openai/fake-text', stream: false } })
  t.equal(response.statusCode, 500)
  t.equal((await app.inject({ method: 'POST', url: '/api/show', payload: { model: 'mine' } })).statusCode, 404)
})

t.test('/v1 answers a created model with its system prompt too', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  await app.inject({ method: 'POST', url: '/api/create', payload: { model: 'terse', from: 'openai/fake-text', system: 'Answer in one word.', stream: false } })
  const response = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'terse', messages: [{ role: 'user', content: 'Hi' }] } })
  t.equal(response.json().model, 'terse')
  t.same(upstream.calls.at(-1)!.body.messages, [{ role: 'system', content: 'Answer in one word.' }, { role: 'user', content: 'Hi' }])
  const models = (await app.inject({ method: 'GET', url: '/v1/models' })).json().data
  t.ok(models.some((model: { id: string, owned_by: string }) => model.id === 'terse:latest' && model.owned_by === 'library'))
})
