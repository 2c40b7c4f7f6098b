import t from 'tap'
import { buildTestApp, parseNdjson } from '../helpers/build-app.js'
import type { RecordedCall } from '../helpers/fake-upstream.js'

const hello = [{ role: 'user', content: 'Hello' }]
/** Fast backoff so persistent failures do not slow the suite; behaviour is the same. */
const FAST_RETRIES = { UPSTREAM_RETRY_BASE_MS: '5' }

function callsFor (calls: RecordedCall[], model: string): RecordedCall[] {
  return calls.filter((call) => call.body.model === model)
}

t.test('client faults are never retried: one upstream attempt, status kept or mapped', async (t) => {
  const { app, upstream } = await buildTestApp(t, FAST_RETRIES)
  for (const [model, status] of [['fake-400', 400], ['fake-401', 401], ['fake-403', 401], ['fake-404', 404], ['fake-413', 413]] as const) {
    const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: `openai/${model}`, messages: hello } })
    t.equal(response.statusCode, status, `${model}: client status`)
    t.same(Object.keys(response.json()), ['error'], `${model}: Ollama error shape`)
    t.equal(callsFor(upstream.calls, model).length, 1, `${model}: exactly one upstream attempt`)
  }
})

t.test('429, 5xx and 529 are retried up to UPSTREAM_MAX_RETRIES, then reach the client', async (t) => {
  const { app, upstream } = await buildTestApp(t, { ...FAST_RETRIES, UPSTREAM_MAX_RETRIES: '2' })
  for (const [model, status] of [['fake-500', 502], ['fake-503', 503], ['fake-529', 503]] as const) {
    for (const stream of [true, false]) {
      const before = callsFor(upstream.calls, model).length
      const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: `openai/${model}`, messages: hello, stream } })
      t.equal(response.statusCode, status, `${model} stream=${stream}: status`)
      t.match(response.json(), { error: /upstream error/ })
      t.equal(callsFor(upstream.calls, model).length - before, 3, `${model} stream=${stream}: first attempt plus two retries`)
    }
  }
})

t.test('a failure that clears up is invisible to the client', async (t) => {
  const { app, upstream } = await buildTestApp(t, FAST_RETRIES)
  for (const [model, attempts] of [['fake-flaky-503-2', 3], ['fake-flaky-529-1', 2], ['fake-flaky-drop-1', 2]] as const) {
    const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: `openai/${model}`, messages: hello } })
    t.equal(response.statusCode, 200, `${model}: answered`)
    const lines = parseNdjson(response.body)
    t.equal(lines.map((line) => (line.message as { content: string }).content).join(''), 'Hello world!', `${model}: the whole answer`)
    t.equal(lines.at(-1)!.done, true)
    t.equal(callsFor(upstream.calls, model).length, attempts, `${model}: attempts`)
  }
})

t.test('Retry-After is honoured before the retry', async (t) => {
  const { app, upstream } = await buildTestApp(t, FAST_RETRIES)
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-flaky-429-1', messages: hello, stream: false } })
  t.equal(response.statusCode, 200)
  const calls = callsFor(upstream.calls, 'fake-flaky-429-1')
  t.equal(calls.length, 2)
  // The upstream said "retry-after: 1"; a 5 ms backoff would have come back much sooner.
  t.ok(calls[1]!.at - calls[0]!.at >= 950, `second attempt ${calls[1]!.at - calls[0]!.at} ms after the first`)
})

t.test('a Retry-After longer than the wait cap or the deadline goes back to the client at once', async (t) => {
  const capped = await buildTestApp(t, FAST_RETRIES)
  const limited = await capped.app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-429', messages: hello } })
  t.equal(limited.statusCode, 429)
  t.equal(limited.headers['retry-after'], '7', 'Retry-After passed on')
  t.equal(capped.upstream.calls.length, 1, 'no 7 s wait, no retry')

  const deadlined = await buildTestApp(t, { ...FAST_RETRIES, UPSTREAM_RETRY_MAX_WAIT_MS: '60000', REQUEST_DEADLINE_MS: '2000' })
  const response = await deadlined.app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-429', messages: hello } })
  t.equal(response.statusCode, 429)
  t.equal(response.headers['retry-after'], '7')
  t.equal(deadlined.upstream.calls.length, 1, 'a wait past the deadline is not started')
})

t.test('one overall deadline covers every retry', async (t) => {
  const { app, upstream } = await buildTestApp(t, { UPSTREAM_MAX_RETRIES: '1000', UPSTREAM_RETRY_BASE_MS: '50', REQUEST_DEADLINE_MS: '400' })
  const started = Date.now()
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-500', messages: hello } })
  t.equal(response.statusCode, 502)
  t.ok(upstream.calls.length > 1, 'retried')
  t.ok(Date.now() - started < 5000, 'gave up near the deadline, not after 1000 retries')
})

t.test('a stall before headers: the deadline ends it with 504 and aborts the upstream', async (t) => {
  const { app, upstream } = await buildTestApp(t, { REQUEST_DEADLINE_MS: '300' })
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-stall', messages: hello } })
  t.equal(response.statusCode, 504)
  t.same(response.json(), { error: 'upstream did not answer within the request deadline' })
  t.equal(upstream.calls.length, 1)
  await upstream.waitForNoSockets(5000)
  t.equal(upstream.calls[0]!.aborted, true, 'the upstream saw the request abandoned')
})

t.test('a stall before headers: the headers timeout answers 504 and is not retried', async (t) => {
  const { app, upstream } = await buildTestApp(t, { UPSTREAM_HEADERS_TIMEOUT_MS: '200' })
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-stall', messages: hello } })
  t.equal(response.statusCode, 504)
  t.same(response.json(), { error: 'upstream did not start answering in time' })
  t.equal(upstream.calls.length, 1, 'a slow upstream may still be generating: no second bill')
  await upstream.waitForNoSockets(5000)
  t.equal(upstream.calls[0]!.aborted, true)
})

t.test('a stall between chunks ends the stream with an error line within the idle timeout', async (t) => {
  const { app, upstream } = await buildTestApp(t, { UPSTREAM_IDLE_TIMEOUT_MS: '200' })
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-idle', messages: hello } })
  t.equal(response.statusCode, 200)
  const lines = parseNdjson(response.body)
  t.equal((lines[0]!.message as { content: string }).content, 'Hello')
  t.same(lines.at(-1), { error: 'upstream stopped sending data' })
  t.equal(upstream.calls.length, 1, 'never retried once streaming began')
  await upstream.waitForNoSockets(5000)
  t.equal(upstream.calls[0]!.aborted, true, 'the upstream request was ended')

  const folded = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-idle', messages: hello, stream: false } })
  t.equal(folded.statusCode, 502)
  t.same(folded.json(), { error: 'upstream stopped sending data' })
})

t.test('faults after the first byte are never retried and leave no socket open', async (t) => {
  const { app, upstream } = await buildTestApp(t, FAST_RETRIES)
  for (const model of ['fake-error-event', 'fake-reset', 'fake-malformed', 'fake-truncated']) {
    const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: `openai/${model}`, messages: hello } })
    const lines = parseNdjson(response.body)
    t.same(Object.keys(lines.at(-1)!), ['error'], `${model}: error line`)
    t.equal(callsFor(upstream.calls, model).length, 1, `${model}: one attempt`)
  }
  await upstream.waitForNoSockets(5000)
  t.pass('no upstream socket left open')
})
