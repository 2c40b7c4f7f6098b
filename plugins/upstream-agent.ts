/**
 * The one undici Agent every upstream call goes through (`fastify.upstream`), closed with the app,
 * and `fastify.upstreamContext`: that agent with the retry policy, the overall deadline and the
 * per-provider circuit breakers that src/upstream/open-upstream-stream.ts applies.
 */
import fp from 'fastify-plugin'
import { Agent, type Dispatcher } from 'undici'
import { shareCircuits } from '../src/store/shared-circuits.js'
import { CircuitBreakers } from '../src/upstream/circuit-breaker.js'
import type { UpstreamContext } from '../src/upstream/open-upstream-stream.js'

declare module 'fastify' {
  interface FastifyInstance {
    upstream: Dispatcher
    upstreamContext: UpstreamContext
  }
}

export default fp(async function upstreamAgent (fastify) {
  const { config } = fastify
  const agent = new Agent({
    connect: { timeout: config.UPSTREAM_CONNECT_TIMEOUT_MS },
    headersTimeout: config.UPSTREAM_HEADERS_TIMEOUT_MS,
    // undici's bodyTimeout is the longest gap between two body chunks, i.e. the idle timeout.
    bodyTimeout: config.UPSTREAM_IDLE_TIMEOUT_MS,
    // Bounded pools per origin: past this, requests wait in undici's queue instead of opening sockets.
    connections: config.UPSTREAM_MAX_CONNECTIONS
  })
  const breakers = new CircuitBreakers({
    threshold: config.CIRCUIT_FAILURE_THRESHOLD,
    cooldownMs: config.CIRCUIT_COOLDOWN_MS,
    // Openings this replica decides; the open-circuit gauge also shows those other replicas shared.
    onOpen: (providerId) => fastify.metrics.circuitOpened(providerId)
  })
  // With REDIS_URL, a provider one replica cooled down is skipped by all of them.
  if (fastify.sharedState !== undefined) await shareCircuits(fastify.sharedState, breakers)
  fastify.decorate('upstream', agent)
  fastify.decorate('upstreamContext', {
    dispatcher: agent,
    registry: fastify.providers,
    retry: { maxRetries: config.UPSTREAM_MAX_RETRIES, baseDelayMs: config.UPSTREAM_RETRY_BASE_MS, maxWaitMs: config.UPSTREAM_RETRY_MAX_WAIT_MS },
    deadlineMs: config.REQUEST_DEADLINE_MS,
    breakers,
    shutdownSignal: fastify.lifecycle.shutdownSignal,
    thinkDefault: config.THINK_DEFAULT,
    observer: fastify.metrics
  })
  fastify.addHook('onClose', async () => {
    await agent.close()
  })
}, { name: 'upstream-agent', fastify: '5.x', dependencies: ['config', 'shared-state', 'provider-registry', 'lifecycle', 'metrics'] })
