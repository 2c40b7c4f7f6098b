/** Decorates `fastify.providers`, the registry that provider plugins fill and routes read. */
import fp from 'fastify-plugin'
import { ProviderRegistry } from '../src/core/provider-registry.js'

declare module 'fastify' {
  interface FastifyInstance {
    providers: ProviderRegistry
  }
}

export default fp(async function providerRegistry (fastify) {
  fastify.decorate('providers', new ProviderRegistry())
}, { name: 'provider-registry', fastify: '5.x' })
