/**
 * Fast 503s instead of latency collapse: a bound on inference requests in flight (Ollama's
 * OLLAMA_MAX_QUEUE, with its wording) and @fastify/under-pressure on event-loop delay. Both throw
 * an OverloadError, which the error handler answers with a Retry-After. Upstream connections per
 * origin are bounded in plugins/upstream-agent.ts. @see https://github.com/fastify/under-pressure
 */
import underPressure from '@fastify/under-pressure'
import fp from 'fastify-plugin'
import { EventLoopBusyError, ServerBusyError } from '../src/errors.js'

/** Requests that hold an upstream call; probes and listings stay cheap and are never refused. */
const INFERENCE_PATHS = ['/api/chat', '/api/generate', '/api/embed', '/api/embeddings', '/v1/']

/**
 * Health checks must keep answering under load, or an orchestrator restarts a busy but working server;
 * /metrics too, as an overload is what operators most need to see.
 */
const EXEMPT_PATHS = new Set(['/', '/health/live', '/health/ready', '/metrics'])

export default fp(async function overload (fastify) {
  let pending = 0
  const limit = fastify.config.MAX_PENDING_ANSWERS
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (request.method !== 'POST' || !INFERENCE_PATHS.some((prefix) => path === prefix || (prefix.endsWith('/') && path.startsWith(prefix)))) return
    if (pending >= limit) throw new ServerBusyError()
    pending += 1
    reply.raw.once('close', () => { pending -= 1 })
  })

  if (fastify.config.MAX_EVENT_LOOP_DELAY_MS > 0) {
    await fastify.register(underPressure, {
      maxEventLoopDelay: fastify.config.MAX_EVENT_LOOP_DELAY_MS,
      // A rejection reaches the error handler through under-pressure's next(error); resolving lets the request through.
      pressureHandler: async (request) => {
        if (EXEMPT_PATHS.has(request.url.split('?')[0] ?? '')) return
        request.log.warn('event loop overloaded, refusing a request')
        throw new EventLoopBusyError()
      }
    })
  }
}, { name: 'overload', fastify: '5.x', dependencies: ['config'] })
