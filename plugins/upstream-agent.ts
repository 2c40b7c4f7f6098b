/** The one undici Agent every upstream call goes through (`fastify.upstream`), closed with the app. */
import fp from 'fastify-plugin'
import { Agent, type Dispatcher } from 'undici'

declare module 'fastify' {
  interface FastifyInstance {
    upstream: Dispatcher
  }
}

export default fp(async function upstreamAgent (fastify) {
  const agent = new Agent({
    connect: { timeout: fastify.config.UPSTREAM_CONNECT_TIMEOUT_MS },
    headersTimeout: fastify.config.UPSTREAM_HEADERS_TIMEOUT_MS,
    // undici's bodyTimeout is the longest gap between two body chunks, i.e. the idle timeout.
    bodyTimeout: fastify.config.UPSTREAM_IDLE_TIMEOUT_MS
  })
  fastify.decorate('upstream', agent)
  fastify.addHook('onClose', async () => {
    await agent.close()
  })
}, { name: 'upstream-agent', fastify: '5.x', dependencies: ['config'] })
