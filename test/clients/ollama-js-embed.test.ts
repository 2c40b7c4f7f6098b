import t from 'tap'
import { Ollama } from 'ollama'
import { listenTestApp } from '../helpers/build-app.js'
import { registerFakeScope } from '../helpers/embedding-provider.js'
import { fakeEmbedding } from '../helpers/fake-embeddings.js'

async function client (t: Parameters<typeof listenTestApp>[0]) {
  const context = await listenTestApp(t)
  registerFakeScope(context.app, context.upstream)
  return { ...context, ollama: new Ollama({ host: context.url }) }
}

const closeTo = (actual: number[] | undefined, expected: number[]) =>
  actual !== undefined && actual.length === expected.length && actual.every((value, index) => Math.abs(value - (expected[index] as number)) < 1e-9)

t.test('embed: 25 inputs against a DashScope-shaped upstream that rejects more than 10 come back as 25 vectors in order', async (t) => {
  const { ollama, upstream } = await client(t)
  const inputs = Array.from({ length: 25 }, (_, index) => `document ${index}: ${'lorem '.repeat(index)}`)
  const answer = await ollama.embed({ model: 'fakescope/text-embedding-v4', input: inputs })
  t.equal(answer.model, 'fakescope/text-embedding-v4')
  t.equal(answer.embeddings.length, 25)
  t.ok(inputs.every((input, index) => closeTo(answer.embeddings[index], fakeEmbedding(input))), 'each vector is its input\'s, in order')
  t.equal(answer.prompt_eval_count, 75)
  const batches = upstream.calls.filter((call) => call.path.endsWith('/embeddings'))
  t.equal(batches.length, 3)
  t.ok(batches.every((call) => (call.body.input as string[]).length <= 10), 'no batch over the limit')
})

t.test('embed with dimensions, and the legacy embeddings call', async (t) => {
  const { ollama, upstream } = await client(t)
  const shorter = await ollama.embed({ model: 'fakescope/text-embedding-v4', input: 'hello', dimensions: 4, truncate: true, keep_alive: '5m' })
  t.equal(upstream.calls[0]?.body.dimensions, 4, 'dimensions reached the upstream')
  t.equal(shorter.embeddings[0]?.length, 4)
  const legacy = await ollama.embeddings({ model: 'fakescope/text-embedding-v4', prompt: 'hello' })
  t.ok(closeTo(legacy.embedding, fakeEmbedding('hello')))
})

t.test('errors reach the client as ResponseError with Ollama\'s status and wording', async (t) => {
  const { ollama } = await client(t)
  t.match(await ollama.embed({ model: 'nosuchprovider/nope', input: 'x' }).catch((error: unknown) => error),
    { name: 'ResponseError', status_code: 404, error: 'model "nosuchprovider/nope" not found, try pulling it first' })
  t.match(await ollama.embed({ model: 'openai/gpt-4o', input: 'x' }).catch((error: unknown) => error),
    { status_code: 400, error: 'openai/gpt-4o:latest does not support embedding' })
  t.match(await ollama.chat({ model: 'openai/text-embedding-3-small', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error),
    { status_code: 400, error: '"openai/text-embedding-3-small" does not support chat' })
  t.match(await ollama.embed({ model: 'fakescope/text-embedding-v4', input: [...Array.from({ length: 12 }, () => 'fine'), 'boom'] }).catch((error: unknown) => error),
    { status_code: 502, error: 'fakescope upstream error 500: embedding backend failed (inputs 11-13 of 13)' })
})

t.test('a failed batch aborts the batches still in flight upstream', async (t) => {
  const { ollama, upstream } = await client(t)
  // Batch 1 never answers, batch 2 fails: the request must fail at once and close batch 1's upstream call.
  const inputs = ['stall', ...Array.from({ length: 9 }, () => 'x'), 'boom']
  const error = await ollama.embed({ model: 'fakescope/text-embedding-v4', input: inputs }).catch((failure: unknown) => failure)
  t.match(error, { status_code: 502, error: /embedding backend failed \(inputs 11-11 of 11\)/ })
  const stalled = upstream.calls.find((call) => (call.body.input as string[]).includes('stall'))
  // A generous deadline: the abort is immediate, but a loaded machine must not flake this.
  const deadline = Date.now() + 5000
  while (stalled?.aborted !== true && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
  t.equal(stalled?.aborted, true, 'the stalled batch was aborted, not left running')
})

t.test('the client going away aborts every batch in flight', async (t) => {
  const { url, upstream } = await client(t)
  const controller = new AbortController()
  const inputs = Array.from({ length: 30 }, (_, index) => (index % 10 === 0 ? 'stall' : `text ${index}`))
  const pending = new Ollama({ host: url, fetch: (input, init) => fetch(input, { ...init, signal: controller.signal }) })
    .embed({ model: 'fakescope/text-embedding-v4', input: inputs }).catch(() => 'aborted')
  const deadline = Date.now() + 5000
  while (upstream.calls.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
  t.equal(upstream.calls.length, 3, 'three batches in flight')
  controller.abort()
  t.equal(await pending, 'aborted')
  await upstream.waitForNoSockets(5000)
  t.ok(upstream.calls.every((call) => call.aborted), 'every upstream call was closed')
})
