/**
 * `fastify.metrics`: the Prometheus metrics GET /metrics exposes (src/metrics/service-metrics.ts), fed at
 * points the request already passes: one onResponse hook per reply (route, status, model, provider,
 * tokens, durations), the reply's close in plugins/client-abort.ts (a client that left) and the stream's
 * in plugins/translation.ts (open streams), the retry and fallback loop through
 * `upstreamContext.observer`, the embedding batches, and `setRedisUp` for the shared-state store.
 * @see https://github.com/siimon/prom-client
 */
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { elapsedNs, nowNs } from '../src/core/ollama-time.js'
import { modelLabel, ServiceMetrics } from '../src/metrics/service-metrics.js'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ServiceMetrics
  }
}

/** The route label of a request no route matched: never the raw path, which a client chooses. */
const UNMATCHED_ROUTE = 'unmatched'

/** Nanoseconds to seconds. */
const NS_PER_SECOND = 1e9

export default fp(async function metrics (fastify) {
  const service = new ServiceMetrics({
    providerIds: () => new Set(fastify.providers.list().map((model) => model.provider.descriptor.id)),
    isCoolingDown: (providerId) => fastify.upstreamContext.breakers.isCoolingDown(providerId)
  })
  fastify.decorate('metrics', service)

  // With REDIS_URL, the connection's state now and at each change; without it the redis series stay absent.
  const redis = fastify.sharedState
  if (redis !== undefined) {
    const up = (): void => service.setRedisUp(true)
    const down = (): void => service.setRedisUp(false)
    service.setRedisUp(redis.available)
    redis.on('up', up)
    redis.on('down', down)
    fastify.addHook('onClose', async () => {
      redis.off('up', up)
      redis.off('down', down)
    })
  }

  // A callback hook: no promise per request on the hot path.
  fastify.addHook('onResponse', (request, reply, done) => {
    try {
      recordReply(service, request, reply, reply.statusCode)
    } catch (error) {
      // A metrics fault must never hold a reply's end.
      request.log.error({ err: error }, 'recording metrics failed')
    }
    done()
  })
}, { name: 'metrics', fastify: '5.x', dependencies: ['config', 'shared-state', 'provider-registry'] })

/** The route pattern of a request, bounded: `unmatched` when no route took it. */
export function routeLabel (request: FastifyRequest): string {
  return request.is404 ? UNMATCHED_ROUTE : (request.routeOptions.url ?? UNMATCHED_ROUTE)
}

/**
 * Records one reply: its request, and the upstream answer's tokens and timings when it had one. Called by the
 * onResponse hook, and by plugins/client-abort.ts for a reply the client left (no onResponse then), as status 499.
 */
export function recordReply (service: ServiceMetrics, request: FastifyRequest, reply: FastifyReply, status: number): void {
  const answer = request.answerLog
  const model = answer === null ? '' : modelLabel(answer.served)
  const provider = answer === null ? '' : answer.provider
  service.request({ route: routeLabel(request), method: request.method, status, model, provider }, reply.elapsedTime / 1000)
  if (answer === null) return
  const { metrics } = answer
  const now = nowNs()
  const headersAt = metrics.headersAt
  service.answer({
    model,
    provider,
    promptTokens: metrics.promptTokens,
    completionTokens: metrics.completionTokens,
    firstByteSeconds: headersAt === undefined ? undefined : elapsedNs(metrics.startedAt, headersAt) / NS_PER_SECOND,
    totalSeconds: elapsedNs(metrics.startedAt, now) / NS_PER_SECOND
  })
}
