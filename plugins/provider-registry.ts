/** Decorates `fastify.providers`, the registry that provider plugins fill and routes read. */
import fp from 'fastify-plugin'
import { ProviderRegistry } from '../src/core/provider-registry.js'
import { providerDescriptors } from '../providers/index.js'
import { PREFIX_SYNONYMS } from '../providers/routing/prefix-synonyms.js'

declare module 'fastify' {
  interface FastifyInstance {
    providers: ProviderRegistry
  }
}

export default fp(async function providerRegistry (fastify) {
  fastify.decorate('providers', new ProviderRegistry({ prefixSynonyms: PREFIX_SYNONYMS, knownProviders: providerDescriptors }))
}, { name: 'provider-registry', fastify: '5.x' })
