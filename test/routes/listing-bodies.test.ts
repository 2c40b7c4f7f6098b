/**
 * The listings' exact bytes: /api/tags and /v1/models (GET and HEAD) are sent as bodies rendered once per registry
 * change, so this pins what goes on the wire (key order, UTF-8, content-length) against values written out here, from
 * an Ollama upstream whose every field is known, and checks that a registry change renders them anew.
 */
import t, { type Test } from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { startFakeOllama } from '../helpers/fake-ollama.js'

const DIGEST = 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72'
const MODIFIED = '2026-11-01T10:00:00.123456789+01:00'
const JSON_TYPE = 'application/json; charset=utf-8'
/** An upstream entry newer than the fake's others (so listed first), with a family outside ASCII. */
const NEWEST = {
  name: 'newest:7b',
  model: 'newest:7b',
  modified_at: '2026-11-02T08:30:00Z',
  size: 42,
  digest: 'b'.repeat(64),
  details: { parent_model: '', format: 'gguf', family: 'lläma-小', families: ['lläma-小'], parameter_size: '7B', quantization_level: 'Q8_0', context_length: 8192 },
  capabilities: ['completion']
}

/** The service in front of a fake Ollama that also lists NEWEST (its family outside ASCII, so bytes and characters differ), lists settled. */
async function appWithNewest (t: Test) {
  const upstreamOllama = await startFakeOllama()
  t.teardown(() => upstreamOllama.close())
  upstreamOllama.tags.push(NEWEST)
  const { app } = await buildTestApp(t, { OPENAI_API_KEY: '', OLLAMA_UPSTREAM_URL: upstreamOllama.url + '/' })
  await app.ready()
  await app.modelLists.settled()
  return { app, upstreamOllama }
}

t.test('/api/tags and /v1/models send exactly the listing, in UTF-8, with its byte length; HEAD announces it', async (t) => {
  // content-length counts bytes, not characters: NEWEST's family is outside ASCII.
  const { app, upstreamOllama } = await appWithNewest(t)
  const host = new URL(upstreamOllama.url).origin

  const entry = (name: string, family: string, capabilities: string[], contextLength = 4096) => ({
    name: `ollama/${name}`,
    model: `ollama/${name}`,
    remote_model: name.replace(/:latest$/, ''),
    remote_host: host,
    modified_at: MODIFIED,
    size: 2019393189,
    digest: DIGEST,
    details: { parent_model: '', format: 'gguf', family, families: [family], parameter_size: '3.2B', quantization_level: 'Q4_K_M', context_length: contextLength },
    capabilities
  })
  const tags = {
    models: [
      {
        name: 'ollama/newest:7b',
        model: 'ollama/newest:7b',
        remote_model: 'newest:7b',
        remote_host: host,
        modified_at: '2026-11-02T08:30:00Z',
        size: 42,
        digest: 'b'.repeat(64),
        details: { parent_model: '', format: 'gguf', family: 'lläma-小', families: ['lläma-小'], parameter_size: '7B', quantization_level: 'Q8_0', context_length: 8192 },
        capabilities: ['completion']
      },
      entry('error-model:latest', 'llama', ['completion']),
      entry('hf.co/org/old-model:Q4_K_M', 'llama', ['completion', 'tools', 'thinking', 'vision']),
      entry('llama3.2:latest', 'llama', ['completion', 'tools', 'vision']),
      entry('nomic-embed-text:latest', 'nomic-bert', ['embedding']),
      entry('qwen2.5-coder:1.5b', 'qwen2', ['completion', 'insert']),
      entry('qwen3:8b', 'qwen3', ['completion', 'tools', 'thinking'], 40960),
      entry('slow-model:latest', 'llama', ['completion'])
    ]
  }
  const openAiModel = (id: string, created: number) => ({ id, object: 'model', created, owned_by: 'ollama' })
  const models = {
    object: 'list',
    data: tags.models.map((model, index) => openAiModel(model.name, index === 0 ? 1793608200 : 1793523600))
  }

  for (const [url, expected] of [['/api/tags', tags], ['/v1/models', models]] as const) {
    const bytes = Buffer.from(JSON.stringify(expected), 'utf8')
    for (let call = 0; call < 2; call++) {
      const get = await app.inject({ method: 'GET', url })
      t.equal(get.statusCode, 200)
      t.equal(get.headers['content-type'], JSON_TYPE, `${url}: JSON in UTF-8`)
      t.equal(get.headers['content-length'], String(bytes.length), `${url}: content-length is the byte length`)
      t.ok(get.rawPayload.equals(bytes), `${url}: the exact bytes (call ${call + 1})`)
    }
    const head = await app.inject({ method: 'HEAD', url })
    t.equal(head.statusCode, 200)
    t.equal(head.headers['content-type'], JSON_TYPE)
    t.equal(head.headers['content-length'], String(bytes.length), `HEAD ${url} announces the GET's length`)
    t.equal(head.rawPayload.length, 0, `HEAD ${url} sends no body`)
  }

  // A registry change (a copy makes a user model) renders both listings anew.
  t.equal((await app.inject({ method: 'POST', url: '/api/copy', payload: { source: 'ollama/llama3.2', destination: 'mine' } })).statusCode, 200)
  const listed = (await app.inject({ method: 'GET', url: '/api/tags' })).json<typeof tags>().models.map((model) => model.name)
  t.same(listed, ['mine:latest', ...tags.models.map((model) => model.name)], 'the copy is listed first, as the newest')
  const after = await app.inject({ method: 'GET', url: '/v1/models' })
  t.same(after.json<typeof models>().data.map((model) => model.id), listed)
  t.equal(after.headers['content-length'], String(after.rawPayload.length))
})

t.test('with no model, /api/tags lists [] and /v1/models null, as Ollama answers', async (t) => {
  const { app } = await buildTestApp(t, { OPENAI_API_KEY: '' })
  for (const [url, body] of [['/api/tags', '{"models":[]}'], ['/v1/models', '{"object":"list","data":null}']] as const) {
    const response = await app.inject({ method: 'GET', url })
    t.equal(response.headers['content-type'], JSON_TYPE)
    t.equal(response.headers['content-length'], String(body.length))
    t.equal(response.body, body)
  }
})

t.test('/v1/models with anthropic-version pages the models that can chat, in the listing\'s order', async (t) => {
  const { app } = await appWithNewest(t)
  const model = (id: string, displayName: string, createdAt = MODIFIED) => ({ type: 'model', id, display_name: displayName, created_at: createdAt })
  const newest = model('ollama/newest:7b', 'ollama/newest:7b', '2026-11-02T08:30:00Z')
  const errorModel = model('ollama/error-model:latest', 'ollama/error-model')
  const oldModel = model('ollama/hf.co/org/old-model:Q4_K_M', 'ollama/hf.co/org/old-model:Q4_K_M')
  const llama = model('ollama/llama3.2:latest', 'ollama/llama3.2')
  const qwen3 = model('ollama/qwen3:8b', 'ollama/qwen3:8b')
  const slow = model('ollama/slow-model:latest', 'ollama/slow-model')
  const page = async (query: string) => (await app.inject({ method: 'GET', url: `/v1/models${query}`, headers: { 'anthropic-version': '2023-06-01' } })).json()
  t.same(await page('?limit=2'), { data: [newest, errorModel], has_more: true, first_id: newest.id, last_id: errorModel.id }, 'the first page, newest first')
  t.same(await page('?limit=2&after_id=ollama/error-model:latest'), { data: [oldModel, llama], has_more: true, first_id: oldModel.id, last_id: llama.id }, 'after_id')
  t.same(await page('?limit=2&before_id=ollama/llama3.2:latest'), { data: [errorModel, oldModel], has_more: true, first_id: errorModel.id, last_id: oldModel.id }, 'before_id')
  t.same(await page('?limit=3&after_id=ollama/qwen2.5-coder:1.5b'), { data: [qwen3, slow], has_more: false, first_id: qwen3.id, last_id: slow.id }, 'the last page; the embedding model is left out')
  t.same(await page('?limit=1&before_id=ollama/newest:7b'), { data: [], has_more: false, first_id: null, last_id: null }, 'nothing before the first')
})
