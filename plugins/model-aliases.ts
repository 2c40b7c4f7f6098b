/** Registers the built-in aliases, then the config file's, which may replace a built-in of the same name. */
import fp from 'fastify-plugin'
import { configAliases } from '../src/config/config-aliases.js'
import { BUILTIN_ALIASES } from '../providers/routing/builtin-aliases.js'

export default fp(async function modelAliases (fastify) {
  for (const alias of BUILTIN_ALIASES) fastify.providers.addAlias(alias)
  for (const alias of configAliases(fastify.configFile)) fastify.providers.addAlias(alias)
}, { name: 'model-aliases', fastify: '5.x', dependencies: ['provider-registry', 'config-file'] })
