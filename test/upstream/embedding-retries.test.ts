import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { registerFakeScope } from '../helpers/embedding-provider.js'
import { fakeEmbedding } from '../helpers/fake-embeddings.js'
import type { RecordedCall } from '../helpers/fake-upstream.js'

/** Fast backoff so persistent failures do not slow the suite; behaviour is the same. */
const FAST_RETRIES = { UPSTREAM_RETRY_BASE_MS: '5' }

async function embedApp (t: Parameters<typeof buildTestApp>[0], env: Record<string, string> = {}) {
  const context = await buildTestApp(t, { ...FAST_RETRIES, ...env })
  registerFakeScope(context.app, context.upstream)
  return context
}

function embeddingCalls (calls: RecordedCall[], model: string): RecordedCall[] {
  return calls.filter((call) => call.path === '/v1/embeddings' && call.body.model === model)
}

t.test('an embedding batch that fails with 503, 529 or a dropped connection is retried, invisibly to the client', async (t) => {
  const { app, upstream } = await embedApp(t)
  for (const [model, attempts] of [['flaky-503-2-embedding', 3], ['flaky-529-1-embedding', 2], ['flaky-drop-1-embedding', 2]] as const) {
    const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: `fakescope/${model}`, input: ['alpha', 'beta'] } })
    t.equal(response.statusCode, 200, `${model}: answered`)
    t.same(response.json().embeddings, [fakeEmbedding('alpha'), fakeEmbedding('beta')], `${model}: the vectors of the successful attempt`)
    t.equal(embeddingCalls(upstream.calls, model).length, attempts, `${model}: attempts`)
  }
})

t.test('/v1/embeddings retries the same way', async (t) => {
  const { app, upstream } = await embedApp(t)
  const response = await app.inject({ method: 'POST', url: '/v1/embeddings', payload: { model: 'fakescope/flaky-503-2-embedding', input: 'alpha' } })
  t.equal(response.statusCode, 200)
  t.equal(response.json().data.length, 1)
  t.equal(embeddingCalls(upstream.calls, 'flaky-503-2-embedding').length, 3)
})

t.test('Retry-After is honoured before an embedding retry', async (t) => {
  const { app, upstream } = await embedApp(t)
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/flaky-429-1-embedding', input: 'alpha' } })
  t.equal(response.statusCode, 200)
  const calls = embeddingCalls(upstream.calls, 'flaky-429-1-embedding')
  t.equal(calls.length, 2)
  // The upstream said "retry-after: 1"; a 5 ms backoff would have come back much sooner.
  t.ok(calls[1]!.at - calls[0]!.at >= 950, `second attempt ${calls[1]!.at - calls[0]!.at} ms after the first`)
})

t.test('a Retry-After past the deadline is not waited for', async (t) => {
  const { app, upstream } = await embedApp(t, { UPSTREAM_RETRY_MAX_WAIT_MS: '60000', REQUEST_DEADLINE_MS: '500' })
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/flaky-429-1-embedding', input: 'alpha' } })
  t.equal(response.statusCode, 429)
  t.equal(response.headers['retry-after'], '1', 'Retry-After passed on')
  t.equal(embeddingCalls(upstream.calls, 'flaky-429-1-embedding').length, 1)
})

t.test('a persistent 5xx is tried UPSTREAM_MAX_RETRIES more times, then reaches the client', async (t) => {
  const { app, upstream } = await embedApp(t, { UPSTREAM_MAX_RETRIES: '2' })
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/flaky-500-9-embedding', input: 'alpha' } })
  t.equal(response.statusCode, 502)
  t.match(response.json(), { error: /upstream error 500/ })
  t.equal(embeddingCalls(upstream.calls, 'flaky-500-9-embedding').length, 3, 'first attempt plus two retries')
})

t.test('a 400 is tried once', async (t) => {
  const { app, upstream } = await embedApp(t)
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/refuse-400-embedding', input: 'alpha' } })
  t.equal(response.statusCode, 400)
  t.match(response.json(), { error: /input is not valid/ })
  t.equal(embeddingCalls(upstream.calls, 'refuse-400-embedding').length, 1)
})

t.test('the overall deadline covers every embedding retry', async (t) => {
  const { app, upstream } = await embedApp(t, { UPSTREAM_MAX_RETRIES: '1000', UPSTREAM_RETRY_BASE_MS: '50', REQUEST_DEADLINE_MS: '400' })
  const started = Date.now()
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/flaky-500-9-embedding', input: 'alpha' } })
  t.ok([502, 504].includes(response.statusCode), `status ${response.statusCode}`)
  t.ok(embeddingCalls(upstream.calls, 'flaky-500-9-embedding').length > 1, 'retried')
  t.ok(Date.now() - started < 3000, 'gave up near the deadline')
})

t.test('an embedding upstream that never answers is abandoned at the deadline with a 504', async (t) => {
  const { app, upstream } = await embedApp(t, { REQUEST_DEADLINE_MS: '300' })
  const started = Date.now()
  const response = await app.inject({ method: 'POST', url: '/api/embed', payload: { model: 'fakescope/text-embedding-v4', input: ['stall'] } })
  t.equal(response.statusCode, 504)
  t.match(response.json(), { error: /within the request deadline/ })
  t.ok(Date.now() - started < 3000, 'not left to the headers timeout')
  await upstream.waitForNoSockets()
  t.equal(embeddingCalls(upstream.calls, 'text-embedding-v4').length, 1, 'a deadline is not retried')
  t.ok(embeddingCalls(upstream.calls, 'text-embedding-v4')[0]!.aborted, 'the upstream saw the request abandoned')
})
