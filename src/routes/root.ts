/** GET / and GET /api/version (HEAD too, without a body, as Ollama), and GET /api/status: what clients probe an Ollama server with. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { answerSchemas } from '../schemas/answer-schemas.js'
import { OLLAMA_DIALECT, StringEnum } from '../schemas/common.js'
import { StatusResponseSchema, VersionResponseSchema } from '../schemas/models.js'

const rootRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/', {
    schema: {
      operationId: 'getRoot',
      summary: 'Liveness probe with Ollama\'s exact text',
      tags: ['server'],
      security: [],
      response: answerSchemas(OLLAMA_DIALECT, { description: 'Ollama\'s text, which clients compare', text: StringEnum(['Ollama is running']), open: true })
    }
  }, async (_request, reply) => {
    return reply.type('text/plain; charset=utf-8').send('Ollama is running')
  })

  fastify.get('/api/version', {
    schema: {
      operationId: 'getVersion',
      summary: 'The Ollama version this server behaves like',
      tags: ['server'],
      response: answerSchemas(OLLAMA_DIALECT, { description: 'The version', json: VersionResponseSchema })
    }
  }, async () => ({ version: fastify.config.OLLAMA_VERSION }))

  // Ollama serves it on GET only: HEAD answers 405, as gin does.
  fastify.get('/api/status', {
    exposeHeadRoute: false,
    schema: {
      operationId: 'getStatus',
      summary: 'Cloud status, as the Ollama app reads it: never disabled here',
      tags: ['server'],
      response: answerSchemas(OLLAMA_DIALECT, { description: '{"cloud":{"disabled":false,"source":"none"}}', json: StatusResponseSchema })
    }
  }, async () => ({ cloud: { disabled: false, source: 'none' } }))
}

export default rootRoutes
