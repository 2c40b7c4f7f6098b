/**
 * Fast 503s instead of latency collapse: a bound on inference requests in flight (Ollama's
 * OLLAMA_MAX_QUEUE, with its wording) and @fastify/under-pressure on event-loop delay. Both answer
 * in Ollama's error shape with a Retry-After. Upstream connections per origin are bounded in
 * plugins/upstream-agent.ts. @see https://github.com/fastify/under-pressure
 */
import underPressure from '@fastify/under-pressure'
import fp from 'fastify-plugin'
import type { FastifyReply } from 'fastify'

/** Ollama's ErrMaxQueue, two spaces after the period included. */
export const SERVER_BUSY_MESSAGE = 'server busy, please try again.  maximum pending requests exceeded'

/** Requests that hold an upstream call; probes and listings stay cheap and are never refused. */
const INFERENCE_PATHS = ['/api/chat', '/api/generate', '/api/embed', '/api/embeddings', '/v1/']

/** Health checks must keep answering under load, or an orchestrator restarts a busy but working server. */
const EXEMPT_PATHS = new Set(['/', '/health/live', '/health/ready'])

const RETRY_AFTER_SECONDS = '1'

function sendBusy (reply: FastifyReply, message: string) {
  return reply.code(503).header('retry-after', RETRY_AFTER_SECONDS).type('application/json; charset=utf-8').send({ error: message })
}

export default fp(async function overload (fastify) {
  let pending = 0
  const limit = fastify.config.MAX_PENDING_ANSWERS
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (request.method !== 'POST' || !INFERENCE_PATHS.some((prefix) => path === prefix || (prefix.endsWith('/') && path.startsWith(prefix)))) return
    if (pending >= limit) return sendBusy(reply, SERVER_BUSY_MESSAGE)
    pending += 1
    reply.raw.once('close', () => { pending -= 1 })
  })

  if (fastify.config.MAX_EVENT_LOOP_DELAY_MS > 0) {
    await fastify.register(underPressure, {
      maxEventLoopDelay: fastify.config.MAX_EVENT_LOOP_DELAY_MS,
      // Sending here and resolving lets under-pressure call next(); Fastify stops at a sent reply.
      pressureHandler: async (request, reply) => {
        if (EXEMPT_PATHS.has(request.url.split('?')[0] ?? '')) return
        request.log.warn('event loop overloaded, refusing a request')
        sendBusy(reply, 'server busy, please try again')
      }
    })
  }
}, { name: 'overload', fastify: '5.x', dependencies: ['config'] })
