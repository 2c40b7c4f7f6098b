/** GET / and GET /api/version: the probes clients use to recognise an Ollama server. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { VersionResponseSchema } from '../schemas/models.js'

const rootRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', {
    schema: { summary: 'Liveness probe with Ollama\'s exact text', tags: ['server'], response: { 200: Type.String({ description: 'Ollama is running' }) } }
  }, async (_request, reply) => {
    return reply.type('text/plain; charset=utf-8').send('Ollama is running')
  })

  fastify.get('/api/version', {
    schema: { summary: 'The Ollama version this server behaves like', tags: ['server'], response: { 200: Type.Ref(VersionResponseSchema) } }
  }, async () => ({ version: fastify.config.OLLAMA_VERSION }))
}

export default rootRoutes
