/** Validates the environment once at boot and exposes it as `fastify.config`. @see https://github.com/fastify/fastify-env */
import fastifyEnv from '@fastify/env'
import fp from 'fastify-plugin'
import { buildEnvSchema, type EnvConfig } from '../src/config/env-schema.js'
import { providerDescriptors } from '../providers/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: EnvConfig
  }
}

export interface ConfigPluginOptions {
  /** Configuration given as data (tests): process env and `.env` are then not read at all. */
  env?: Record<string, string | undefined>
}

export default fp<ConfigPluginOptions>(async function config (fastify, options) {
  const hermetic = options.env !== undefined
  await fastify.register(fastifyEnv, {
    schema: buildEnvSchema(providerDescriptors),
    dotenv: !hermetic,
    ...(hermetic ? { data: options.env, env: false } : {})
  })
}, { name: 'config', fastify: '5.x' })
