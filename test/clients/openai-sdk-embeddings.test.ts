import t from 'tap'
import OpenAI from 'openai'
import { listenTestApp } from '../helpers/build-app.js'
import { registerFakeScope } from '../helpers/embedding-provider.js'
import { FAKE_TOKENS_PER_INPUT, fakeEmbedding } from '../helpers/fake-embeddings.js'

async function client (t: Parameters<typeof listenTestApp>[0]) {
  const context = await listenTestApp(t)
  registerFakeScope(context.app, context.upstream)
  return { ...context, openai: new OpenAI({ baseURL: `${context.url}/v1`, apiKey: 'ollama', maxRetries: 0 }) }
}

const closeTo = (actual: number[] | undefined, expected: number[], tolerance = 1e-6) =>
  actual !== undefined && actual.length === expected.length && actual.every((value, index) => Math.abs(value - (expected[index] as number)) < tolerance)

t.test('the SDK\'s default base64 and explicit float both give each input\'s vector, in order, across batches', async (t) => {
  const { openai, upstream } = await client(t)
  const inputs = Array.from({ length: 12 }, (_, index) => `text ${index}`)
  // The SDK asks for base64 by default and decodes it: float32 precision.
  const decoded = await openai.embeddings.create({ model: 'fakescope/text-embedding-v4', input: inputs })
  t.equal(decoded.object, 'list')
  t.equal(decoded.model, 'fakescope/text-embedding-v4')
  t.same(decoded.data.map((item) => item.index), inputs.map((_, index) => index))
  t.ok(inputs.every((input, index) => closeTo(decoded.data[index]!.embedding, fakeEmbedding(input))), 'each vector is its input\'s')
  t.same(decoded.usage, { prompt_tokens: 12 * FAKE_TOKENS_PER_INPUT, total_tokens: 12 * FAKE_TOKENS_PER_INPUT })
  t.equal(upstream.calls.filter((call) => call.path.endsWith('/embeddings')).length, 2, 'batched under the provider\'s limit of 10')

  const floats = await openai.embeddings.create({ model: 'fakescope/text-embedding-v4', input: 'hello', encoding_format: 'float', dimensions: 4 })
  t.equal(upstream.calls.at(-1)!.body.dimensions, 4)
  t.equal(floats.data[0]!.embedding.length, 4)
  t.ok(closeTo(floats.data[0]!.embedding, fakeEmbedding('hello', 4), 1e-12))
})

t.test('/v1/embeddings errors in OpenAI\'s shape with Ollama\'s wording', async (t) => {
  const { openai } = await client(t)
  const cases: Array<[Record<string, unknown>, number, string]> = [
    [{ model: 'fakescope/nope', input: 'x' }, 404, 'model "fakescope/nope" not found, try pulling it first'],
    [{ model: 'fakescope/qwen-plus', input: 'x' }, 400, 'fakescope/qwen-plus:latest does not support embedding'],
    [{ model: 'fakescope/text-embedding-v4', input: [] }, 400, 'invalid input'],
    [{ model: 'fakescope/text-embedding-v4', input: 'x', encoding_format: 'int8' }, 400, "Invalid value for 'encoding_format' = int8. Supported values: ['float', 'base64']."]
  ]
  for (const [body, status, message] of cases) {
    const error = await openai.embeddings.create(body as never).catch((caught: unknown) => caught)
    t.ok(error instanceof OpenAI.APIError, message)
    t.match(error, { status, error: { message, param: null, code: null } }, message)
  }
})
