/**
 * `request.abortSignal`: fires when the client goes away before the answer finished, so the upstream
 * call stops at once. Watched on the response side: on Node 20 the request's `close` fires as soon as
 * the body has been read.
 */
import fp from 'fastify-plugin'

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
    })
  })
}, { name: 'client-abort', fastify: '5.x' })
