/** Every route plugin, registered in one place. */
import type { FastifyInstance } from 'fastify'
import anthropicRoutes from './anthropic/index.js'
import chatRoute from './chat.js'
import embedRoutes from './embed.js'
import generateRoute from './generate.js'
import healthRoutes from './health.js'
import metricsRoutes from './metrics.js'
import modelManagementRoutes from './model-management.js'
import modelRoutes from './models.js'
import openAiRoutes from './openai/index.js'
import rootRoutes from './root.js'

export async function registerRoutes (fastify: FastifyInstance): Promise<void> {
  await fastify.register(rootRoutes)
  await fastify.register(healthRoutes)
  await fastify.register(metricsRoutes)
  await fastify.register(modelRoutes)
  await fastify.register(modelManagementRoutes)
  await fastify.register(chatRoute)
  await fastify.register(generateRoute)
  await fastify.register(openAiRoutes)
  await fastify.register(anthropicRoutes)
  await fastify.register(embedRoutes)
}
