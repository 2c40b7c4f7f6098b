/**
 * `request.abortSignal`: fires when the client goes away before the answer finished, so the upstream
 * call stops at once. Watched on the response side: on Node 20 the request's `close` fires as soon as
 * the body has been read. A reply the client left before its end never reaches onResponse: the metrics
 * count it here, as status 499 (nginx's "client closed request").
 */
import fp from 'fastify-plugin'
import { recordReply } from './metrics.js'

/** The status a reply the client left is counted under. */
const CLIENT_CLOSED_REQUEST = 499

declare module 'fastify' {
  interface FastifyRequest {
    abortSignal: AbortSignal
  }
}

export default fp(async function clientAbort (fastify) {
  fastify.decorateRequest('abortSignal', null as unknown as AbortSignal)
  fastify.addHook('onRequest', async (request, reply) => {
    const controller = new AbortController()
    request.abortSignal = controller.signal
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort()
      if (!reply.raw.writableEnded) recordReply(fastify.metrics, request, reply, CLIENT_CLOSED_REQUEST)
    })
  })
}, { name: 'client-abort', fastify: '5.x', dependencies: ['metrics'] })
