/** GET /health/live and /health/ready: the container's probes, open even when API_KEYS is set. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ShuttingDownError } from '../errors.js'
import { answerSchemas } from '../schemas/answer-schemas.js'
import { OLLAMA_DIALECT } from '../schemas/common.js'
import { HealthStatusSchema } from '../schemas/health.js'

const healthRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/health/live', {
    schema: {
      operationId: 'getLiveness',
      summary: 'Liveness: the process answers',
      tags: ['server'],
      security: [],
      response: answerSchemas(OLLAMA_DIALECT, { description: '{"status":"ok"}', json: HealthStatusSchema, open: true })
    }
  }, async () => ({ status: 'ok' }))

  fastify.get('/health/ready', {
    schema: {
      operationId: 'getReadiness',
      summary: 'Readiness: accepting new requests (503 while shutting down)',
      tags: ['server'],
      security: [],
      response: answerSchemas(OLLAMA_DIALECT, {
        description: '{"status":"ready"}',
        json: HealthStatusSchema,
        errors: { 503: 'The server is shutting down, or closing' },
        open: true
      })
    }
  }, async () => {
    if (!fastify.lifecycle.ready) throw new ShuttingDownError()
    return { status: 'ready' }
  })
}

export default healthRoutes
