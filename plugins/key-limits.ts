/**
 * Per-client-key limits (config file `limits`, effective with API_KEYS): a request past the key's requests
 * per minute, or made after its tokens of the UTC day are used up, is answered 429 with Retry-After in the
 * route's dialect. Requests are counted by @fastify/rate-limit (its Redis store with REDIS_URL, so the limit
 * holds across replicas); tokens from the upstream's usage once each answer ends. Without limits configured
 * nothing is registered: no hook, no Redis command per request.
 */
import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import { ClientKeys, presentedKey } from '../src/core/client-keys.js'
import { KeyLimits, secondsToNextUtcDay, utcDay, type KeyLimitEntry } from '../src/core/key-limits.js'
import { RequestRateLimitError, TokenBudgetError, withRetryAfter } from '../src/errors.js'
import { failoverRateLimitStore, TokenBudgets } from '../src/store/key-counters.js'
import { OPEN_PATHS } from './client-auth.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The presented key's limits, when it has any. */
    keyLimit: KeyLimitEntry | null
  }
}

const MINUTE_MS = 60_000

export default fp(async function keyLimits (fastify) {
  const limits = new KeyLimits(fastify.configFile.limits)
  if (!limits.enabled) return
  if (!new ClientKeys(fastify.config.API_KEYS).enabled && !new ClientKeys(fastify.config.ADMIN_API_KEYS).enabled) {
    fastify.log.warn('the config file sets limits but API_KEYS is not set: clients cannot be told apart, nothing is limited')
    return
  }
  fastify.decorateRequest('keyLimit', null)
  await fastify.register(rateLimit, { global: false, store: failoverRateLimitStore(fastify.sharedState) })
  const countRequest = fastify.createRateLimit({
    timeWindow: MINUTE_MS,
    keyGenerator: (request) => request.keyLimit?.id ?? '',
    max: (request) => request.keyLimit?.limit.requestsPerMinute ?? Number.MAX_SAFE_INTEGER
  })
  const budgets = new TokenBudgets(fastify.sharedState)

  // Registered after client-auth: only accepted keys get here.
  fastify.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS' || OPEN_PATHS.has(request.url.split('?')[0] ?? '')) return
    const key = presentedKey(request.headers)
    const entry = key === undefined ? undefined : limits.forKey(key)
    if (entry === undefined) return
    request.keyLimit = entry
    const { requestsPerMinute, tokensPerDay } = entry.limit
    if (requestsPerMinute !== undefined) {
      const counted = await countRequest(request)
      if (!counted.isAllowed && counted.isExceeded) throw withRetryAfter(new RequestRateLimitError(requestsPerMinute), counted.ttlInSeconds)
    }
    if (tokensPerDay !== undefined) {
      const now = Date.now()
      if (await budgets.used(entry.id, utcDay(now)) >= tokensPerDay) throw withRetryAfter(new TokenBudgetError(tokensPerDay), secondsToNextUtcDay(now))
    }
  })

  // The answer's usage as the upstream reported it; an answer cut short counts what was reported by then.
  fastify.addHook('onResponse', async (request) => {
    const entry = request.keyLimit
    const answer = request.answerLog
    if (entry === null || entry.limit.tokensPerDay === undefined || answer === null) return
    budgets.add(entry.id, utcDay(Date.now()), answer.metrics.promptTokens + answer.metrics.completionTokens)
  })
}, { name: 'key-limits', fastify: '5.x', dependencies: ['config', 'config-file', 'shared-state', 'client-auth', 'admin-keys'] })
