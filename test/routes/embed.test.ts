import t from 'tap'
import { buildTestApp, TEST_API_KEY } from '../helpers/build-app.js'
import { openAiCompatibleProtocol } from '../../providers/protocols/openai-compatible/protocol.js'
import { Secret } from '../../src/core/secret.js'
import { FAKE_SCOPE_KEY, fakeScopeDescriptor, registerFakeScope } from '../helpers/embedding-provider.js'
import { FAKE_EMBEDDING_LENGTH, FAKE_TOKENS_PER_INPUT, fakeEmbedding } from '../helpers/fake-embeddings.js'

async function embedApp (t: Parameters<typeof buildTestApp>[0]) {
  const context = await buildTestApp(t)
  registerFakeScope(context.app, context.upstream)
  return context
}

const texts = (count: number) => Array.from({ length: count }, (_, index) => `text number ${index}`)

function norm (vector: number[]): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0))
}

/** Same length and the same values up to float rounding. */
function closeTo (actual: number[], expected: number[]): boolean {
  return actual.length === expected.length && actual.every((value, index) => Math.abs(value - (expected[index] as number)) < 1e-9)
}

t.test('25 inputs against a model limited to 10: three upstream batches, 25 vectors in input order', async (t) => {
  const { app, upstream } = await embedApp(t)
  const inputs = texts(25)
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/text-embedding-v4', input: inputs } })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  const body = response.json()
  t.same(Object.keys(body), ['model', 'embeddings', 'total_duration', 'load_duration', 'prompt_eval_count'], 'Ollama\'s keys, in Ollama\'s order')
  t.equal(body.model, 'fakescope/text-embedding-v4', 'the model as sent')
  t.equal(body.embeddings.length, 25)
  inputs.forEach((input, index) => t.ok(closeTo(body.embeddings[index], fakeEmbedding(input)), `vector ${index}`))
  t.equal(body.prompt_eval_count, 25 * FAKE_TOKENS_PER_INPUT, 'token usage summed over the batches')
  t.ok(Number.isInteger(body.total_duration) && body.total_duration >= body.load_duration && body.load_duration > 0, 'nanosecond durations')

  const sent = upstream.calls.filter((call) => call.path === '/v1/embeddings')
  t.same(sent.map((call) => (call.body.input as string[]).length).sort((left, right) => left - right), [5, 10, 10])
  t.same(sent.flatMap((call) => call.body.input as string[]).sort(), [...inputs].sort(), 'every input sent exactly once')
  for (const call of sent) {
    t.match(call.body, { model: 'text-embedding-v4', encoding_format: 'float' })
    t.notOk('dimensions' in call.body, 'no dimensions unless asked')
    t.equal(call.headers.authorization, `Bearer ${FAKE_SCOPE_KEY}`)
  }
})

t.test('limits come from the model card: 25 for v1, a safe default of 10 when undeclared, 2048 for OpenAI', async (t) => {
  const { app, upstream } = await embedApp(t)
  const cases: Array<[string, number, number[]]> = [
    ['fakescope/text-embedding-v1', 60, [10, 25, 25]],
    ['fakescope/text-embedding-v3', 21, [1, 10, 10]],
    ['openai/text-embedding-3-small', 30, [30]]
  ]
  for (const [model, count, sizes] of cases) {
    upstream.calls.length = 0
    const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model, input: texts(count) } })
    t.equal(response.statusCode, 200, model)
    t.equal(response.json().embeddings.length, count, model)
    t.same(upstream.calls.map((call) => (call.body.input as string[]).length).sort((left, right) => left - right), sizes, `${model}: batch sizes`)
  }
  const openAiCall = upstream.calls[0]
  t.equal(openAiCall?.headers.authorization, `Bearer ${TEST_API_KEY}`, 'each provider authenticates with its own key')
})

t.test('a single string gives one nested vector; missing, null, "" and [] answer an empty list without an upstream call', async (t) => {
  const { app, upstream } = await embedApp(t)
  const single = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/text-embedding-v4', input: 'hello' } })
  t.equal(single.json().embeddings.length, 1)
  t.ok(closeTo(single.json().embeddings[0], fakeEmbedding('hello')), 'single')
  t.same(upstream.calls[0]?.body.input, ['hello'], 'sent as a one-element list')
  upstream.calls.length = 0
  for (const input of [undefined, null, '', []]) {
    const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/text-embedding-v4:latest', ...(input === undefined ? {} : { input }) } })
    t.equal(response.statusCode, 200)
    t.equal(response.body, '{"model":"fakescope/text-embedding-v4:latest","embeddings":[]}', `input ${JSON.stringify(input)}`)
  }
  t.equal(upstream.calls.length, 0)
})

t.test('dimensions reach the upstream and shorter vectors come back, unit length', async (t) => {
  const { app, upstream } = await embedApp(t)
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/text-embedding-v4', input: ['a', 'b'], dimensions: 4 } })
  t.equal(upstream.calls[0]?.body.dimensions, 4)
  const { embeddings } = response.json() as { embeddings: number[][] }
  t.same(embeddings.map((vector) => vector.length), [4, 4])
  t.ok(closeTo(embeddings[0] as number[], fakeEmbedding('a', 4)), 'dimensions 4')

  upstream.calls.length = 0
  const larger = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/text-embedding-v4', input: 'a', dimensions: FAKE_EMBEDDING_LENGTH * 2 } })
  t.equal(larger.statusCode, 200)
  t.notOk('dimensions' in (upstream.calls[0]?.body ?? {}), 'a length at or above the model\'s own is not sent (Ollama ignores it)')
  t.equal(larger.json().embeddings[0].length, FAKE_EMBEDDING_LENGTH)
})

t.test('a model that does not take dimensions (text-embedding-ada-002) is not sent them; the vector is shortened here', async (t) => {
  const { app, upstream } = await embedApp(t)
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'openai/text-embedding-ada-002', input: 'a', dimensions: 3 } })
  t.equal(response.statusCode, 200)
  t.notOk('dimensions' in (upstream.calls[0]?.body ?? {}))
  const expected = fakeEmbedding('a').slice(0, 3)
  t.ok(closeTo(response.json().embeddings[0], expected.map((value) => value / norm(expected))))
})

t.test('a provider that ignores dimensions or answers non-unit vectors still gets Ollama\'s shortened, normalised vectors', async (t) => {
  const { app } = await embedApp(t)
  const raw = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/raw-embedding', input: ['a', 'b'] } })
  for (const vector of raw.json().embeddings as number[][]) t.ok(Math.abs(norm(vector) - 1) < 1e-9, 'normalised')
  t.ok(closeTo(raw.json().embeddings[1], fakeEmbedding('b')), 'direction kept')

  const shortened = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/raw-embedding', input: 'a', dimensions: 3 } })
  const expected = fakeEmbedding('a').slice(0, 3)
  t.ok(closeTo(shortened.json().embeddings[0], expected.map((value) => value / norm(expected))), 'truncated to 3 and re-normalised, as Ollama does')

  const legacy = await app.inject({ method: 'POST', url: '/api/embeddings', payload: { model: 'fakescope/raw-embedding', prompt: 'a' } })
  t.same(Object.keys(legacy.json()), ['embedding'])
  t.ok(closeTo(legacy.json().embedding, fakeEmbedding('a').map((value) => value * 3)), 'legacy answers the raw vector, as Ollama does')
})

t.test('legacy /api/embeddings: prompt in, one flat vector out; empty prompt answers an empty vector', async (t) => {
  const { app, upstream } = await embedApp(t)
  const response = await app.inject({ method: 'POST', url: '/api/embeddings', payload: { model: 'fakescope/text-embedding-v4', prompt: 'hello', options: { num_ctx: 512 }, keep_alive: '10m' } })
  t.equal(response.statusCode, 200)
  t.ok(closeTo(response.json().embedding, fakeEmbedding('hello')), 'legacy vector')
  t.same(upstream.calls[0]?.body.input, ['hello'])
  const empty = await app.inject({ method: 'POST', url: '/api/embeddings', payload: { model: 'fakescope/text-embedding-v4' } })
  t.equal(empty.body, '{"embedding":[]}')
  t.equal(upstream.calls.length, 1)
})

t.test('embedding models are listed, shown and reported as loaded', async (t) => {
  const { app } = await embedApp(t)
  const tags = (await app.inject({ method: 'GET', url: '/api/tags' })).json() as { models: Array<{ name: string, capabilities: string[], details: { embedding_length?: number } }> }
  const listed = tags.models.find((model) => model.name === 'openai/text-embedding-3-small:latest')
  t.same(listed?.capabilities, ['embedding'])
  t.equal(listed?.details.embedding_length, 1536)
  t.ok(tags.models.some((model) => model.name === 'fakescope/text-embedding-v4:latest'))
  const show = (await app.inject({ method: 'POST', url: '/api/show', payload: { model: 'fakescope/text-embedding-v4' } })).json()
  t.same(show.capabilities, ['embedding'])

  await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/text-embedding-v4', input: 'x', keep_alive: '1h' } })
  const ps = (await app.inject({ method: 'GET', url: '/api/ps' })).json() as { models: Array<{ name: string }> }
  t.same(ps.models.map((model) => model.name), ['fakescope/text-embedding-v4:latest'])
  await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/text-embedding-v4', keep_alive: 0 } })
  t.same((await app.inject({ method: 'GET', url: '/api/ps' })).json(), { models: [] }, 'keep_alive 0 unloads')
})

t.test('request errors carry Ollama\'s status and wording, and nothing goes upstream', async (t) => {
  const { app, upstream } = await embedApp(t)
  const cases: Array<[string, string, unknown, number, string | RegExp]> = [
    ['empty body', '/api/embed', '', 400, 'missing request body'],
    ['no model', '/api/embed', { input: 'x' }, 400, 'model is required'],
    ['legacy: no model', '/api/embeddings', { prompt: 'x' }, 400, 'model is required'],
    ['unknown model', '/api/embed', { model: 'nosuchprovider/nope', input: 'x' }, 404, 'model "nosuchprovider/nope" not found, try pulling it first'],
    ['unknown model, no input', '/api/embed', { model: 'nowhere/x' }, 404, 'model "nowhere/x" not found, try pulling it first'],
    ['legacy: unknown model', '/api/embeddings', { model: 'nosuchprovider/nope', prompt: 'x' }, 404, 'model "nosuchprovider/nope" not found, try pulling it first'],
    ['number input', '/api/embed', { model: 'fakescope/text-embedding-v4', input: 42 }, 400, 'invalid input type'],
    ['token array input', '/api/embed', { model: 'fakescope/text-embedding-v4', input: [1, 2, 3] }, 400, 'invalid input type'],
    ['object input', '/api/embed', { model: 'fakescope/text-embedding-v4', input: { text: 'x' } }, 400, 'invalid input type'],
    ['mixed list', '/api/embed', { model: 'fakescope/text-embedding-v4', input: ['x', null] }, 400, 'invalid input type'],
    ['fractional dimensions', '/api/embed', { model: 'fakescope/text-embedding-v4', input: 'x', dimensions: 1.5 }, 400, /dimensions/],
    ['bad keep_alive', '/api/embed', { model: 'fakescope/text-embedding-v4', input: 'x', keep_alive: '300' }, 400, 'time: missing unit in duration "300"'],
    ['wrong-typed option', '/api/embed', { model: 'fakescope/text-embedding-v4', input: 'x', options: { num_ctx: 'big' } }, 500, 'option "num_ctx" must be of type integer'],
    ['legacy: wrong-typed option', '/api/embeddings', { model: 'fakescope/text-embedding-v4', prompt: 'x', options: { stop: 'x' } }, 500, 'option "stop" must be of type array'],
    ['chat model', '/api/embed', { model: 'openai/gpt-4o', input: 'x' }, 400, 'openai/gpt-4o:latest does not support embedding'],
    ['chat model, no input', '/api/embed', { model: 'fakescope/qwen-plus' }, 400, 'fakescope/qwen-plus:latest does not support embedding'],
    ['legacy: chat model', '/api/embeddings', { model: 'openai/gpt-4o', prompt: 'x' }, 400, 'openai/gpt-4o:latest does not support embedding'],
    ['chat with an embedding model', '/api/chat', { model: 'fakescope/text-embedding-v4', messages: [{ role: 'user', content: 'x' }] }, 400, '"fakescope/text-embedding-v4" does not support chat'],
    ['generate with an embedding model', '/api/generate', { model: 'fakescope/text-embedding-v4', prompt: 'x' }, 400, '"fakescope/text-embedding-v4" does not support generate']
  ]
  for (const [name, url, payload, status, message] of cases) {
    const response = await app.inject({ method: 'POST', url, payload: payload as string })
    t.equal(response.statusCode, status, `${name}: status`)
    t.equal(response.headers['content-type'], 'application/json; charset=utf-8', `${name}: JSON`)
    const body = response.json()
    t.same(Object.keys(body), ['error'], `${name}: only an error key`)
    if (typeof message === 'string') t.equal(body.error, message, `${name}: wording`)
    else t.match(body.error, message, `${name}: wording`)
  }
  t.equal(upstream.calls.length, 0)
  const wrongMethod = await app.inject({ method: 'GET', url: '/api/embed' })
  t.equal(wrongMethod.statusCode, 405)
})

t.test('upstream failures: one failed batch fails the request with the provider\'s message and which inputs failed', async (t) => {
  const { app, upstream } = await embedApp(t)
  const inputs = texts(25)
  inputs[14] = 'boom'
  const failed = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/text-embedding-v4', input: inputs } })
  t.equal(failed.statusCode, 502)
  t.same(failed.json(), { error: 'fakescope upstream error 500: embedding backend failed (inputs 11-20 of 25)' })

  const single = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/text-embedding-v4', input: ['boom'] } })
  t.same(single.json(), { error: 'fakescope upstream error 500: embedding backend failed' }, 'no input range for an unsplit request')

  const short = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/short-embedding', input: ['a', 'b'] } })
  t.equal(short.statusCode, 502)
  t.equal(short.json().error, 'fakescope upstream answered an invalid embedding response: 1 embeddings for 2 inputs', 'a vector short is an error, never a partial answer')

  const secret = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'openai/fake-401', input: 'x' } })
  t.notMatch(secret.body, TEST_API_KEY)
  t.ok(upstream.calls.length > 0)
})

t.test('without splitting, a batch over the provider\'s limit gets the provider\'s 400 (what splitting prevents)', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  // A card that declares more than its upstream accepts.
  app.providers.register({
    descriptor: { ...fakeScopeDescriptor, id: 'misdeclared' },
    protocol: openAiCompatibleProtocol,
    apiKey: new Secret('sk-misdeclared-key'),
    baseUrl: upstream.url,
    models: [{ id: 'text-embedding-v4', capabilities: ['embedding'], contextLength: 8192, family: 'qwen-embedding', embeddingBatchSize: 50 }]
  })
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'misdeclared/text-embedding-v4', input: texts(25) } })
  t.equal(response.statusCode, 400)
  t.equal(response.json().error, 'misdeclared upstream error 400: <400> InternalError.Algo.InvalidParameter: Value error, batch size is invalid, it should not be larger than 10.: input.contents')
  t.equal(upstream.calls.length, 1)
})

t.test('an alias of an embedding model embeds under the alias name (clients configured for nomic-embed-text)', async (t) => {
  const { app, upstream } = await embedApp(t)
  app.providers.addAlias({ name: 'nomic-embed-text', target: 'fakescope/text-embedding-v4', origin: 'config' })
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'nomic-embed-text:latest', input: ['a'] } })
  t.equal(response.statusCode, 200)
  t.equal(response.json().model, 'nomic-embed-text:latest')
  t.equal(upstream.calls[0]?.body.model, 'text-embedding-v4')
})

t.test('both endpoints are in the OpenAPI document with named schemas', async (t) => {
  const { app } = await embedApp(t)
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  t.ok(document.paths['/api/embed'].post.requestBody)
  t.equal(document.paths['/api/embeddings'].post.deprecated, true)
  for (const name of ['EmbedRequest', 'EmbedResponse', 'EmbeddingsRequest', 'EmbeddingsResponse']) t.ok(document.components.schemas[name], name)
})

t.test('a model declared as id=embedding in OPENAI_MODELS (a self-hosted endpoint\'s) embeds, with the default limit', async (t) => {
  const { app, upstream } = await buildTestApp(t, { OPENAI_MODELS: 'fake-text,local-text-embedding-v3=embedding' })
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'openai/local-text-embedding-v3', input: texts(21) } })
  t.equal(response.statusCode, 200)
  t.ok(texts(21).every((input, index) => closeTo(response.json().embeddings[index], fakeEmbedding(input))))
  t.same(upstream.calls.map((call) => (call.body.input as string[]).length).sort((left, right) => left - right), [1, 10, 10])
  const chat = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'openai/fake-text', input: 'x' } })
  t.equal(chat.json().error, 'openai/fake-text:latest does not support embedding', 'plain entries stay chat models')
})
