import t from 'tap'
import { backoffDelay, isRetryable, parseRetryAfter, retryDelay } from '../../src/upstream/retry-policy.js'
import { UpstreamError } from '../../src/errors.js'

const policy = { maxRetries: 3, baseDelayMs: 100, maxWaitMs: 5000 }
const upstreamStatus = (status: number, retryAfter?: string) => new UpstreamError('x', { statusCode: 502, upstreamStatus: status, ...(retryAfter === undefined ? {} : { retryAfter }) })
const transport = (code: string) => new UpstreamError('x', { statusCode: 502, cause: Object.assign(new Error(code), { code }) })

t.test('what is retried', async (t) => {
  for (const status of [429, 500, 502, 503, 504, 529]) t.ok(isRetryable(upstreamStatus(status)), `${status}`)
  for (const status of [400, 401, 403, 404, 413, 422]) t.notOk(isRetryable(upstreamStatus(status)), `${status}`)
  for (const code of ['ECONNRESET', 'ECONNREFUSED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']) t.ok(isRetryable(transport(code)), code)
  t.notOk(isRetryable(transport('UND_ERR_HEADERS_TIMEOUT')), 'a headers timeout: the upstream may still be generating')
  t.notOk(isRetryable(new Error('boom')), 'our own bugs')
})

t.test('Retry-After in seconds and as an HTTP-date', async (t) => {
  const now = Date.parse('2026-11-25T01:00:00Z')
  t.equal(parseRetryAfter('7', now), 7000)
  t.equal(parseRetryAfter(' 0 ', now), 0)
  t.equal(parseRetryAfter('Wed, 25 Nov 2026 01:00:03 GMT', now), 3000)
  t.equal(parseRetryAfter('Wed, 25 Nov 2026 00:59:00 GMT', now), 0, 'a date in the past: no wait')
  t.equal(parseRetryAfter('soon', now), undefined)
  t.equal(parseRetryAfter(undefined, now), undefined)
})

t.test('backoff grows exponentially within full jitter', async (t) => {
  t.equal(backoffDelay(policy, 0, () => 1), 100)
  t.equal(backoffDelay(policy, 2, () => 1), 400)
  t.equal(backoffDelay(policy, 2, () => 0.5), 200)
  t.equal(backoffDelay(policy, 2, () => 0), 0)
})

t.test('retryDelay: Retry-After wins, capped by the wait limit, the deadline and the retry count', async (t) => {
  const now = Date.parse('2026-11-25T01:00:00Z')
  t.equal(retryDelay(policy, upstreamStatus(429, '2'), 0, 10_000, now), 2000)
  t.equal(retryDelay(policy, upstreamStatus(429, 'Wed, 25 Nov 2026 01:00:04 GMT'), 0, 10_000, now), 4000)
  t.equal(retryDelay(policy, upstreamStatus(429, '7'), 0, 60_000, now), undefined, 'longer than maxWaitMs')
  t.equal(retryDelay(policy, upstreamStatus(429, '2'), 0, 1500, now), undefined, 'past the deadline')
  t.equal(retryDelay(policy, upstreamStatus(503), 3, 10_000, now), undefined, 'out of retries')
  t.equal(retryDelay(policy, upstreamStatus(401), 0, 10_000, now), undefined, 'not retryable')
  const backoff = retryDelay(policy, upstreamStatus(503), 1, 10_000, now)
  t.ok(backoff !== undefined && backoff >= 0 && backoff <= 200, `backoff ${backoff} within [0, 200]`)
})
