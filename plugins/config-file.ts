/** Loads CONFIG_FILE once at boot as `fastify.configFile` (empty when unset); a bad file stops the boot. */
import fp from 'fastify-plugin'
import type { ConfigFile } from '../src/config/config-file-schema.js'
import { ConfigFileError, loadConfigFile } from '../src/config/load-config-file.js'
import { providerDescriptors } from '../providers/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    configFile: ConfigFile
  }
}

export default fp(async function configFile (fastify) {
  const path = fastify.config.CONFIG_FILE
  const loaded = path === undefined || path.trim() === '' ? {} : await loadConfigFile(path)
  if (path !== undefined && path.trim() !== '') {
    fastify.log.info({ path, aliases: Object.keys(loaded.aliases ?? {}).length, servers: (loaded.servers ?? []).length }, 'config file loaded')
  }
  // Refused even while that provider is inactive: setting its key later must not break the boot.
  for (const server of loaded.servers ?? []) {
    if (providerDescriptors.some((descriptor) => descriptor.id === server.id)) {
      throw new ConfigFileError(`CONFIG_FILE ${path ?? ''} is invalid: server id '${server.id}' is a built-in provider id; choose another`)
    }
  }
  fastify.decorate('configFile', loaded)
}, { name: 'config-file', fastify: '5.x', dependencies: ['config'] })
