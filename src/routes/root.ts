/** GET / and GET /api/version: the probes clients use to recognise an Ollama server. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { answerSchemas } from '../schemas/answer-schemas.js'
import { OLLAMA_DIALECT, StringEnum } from '../schemas/common.js'
import { VersionResponseSchema } from '../schemas/models.js'

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
}

export default rootRoutes
