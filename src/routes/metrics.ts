/**
 * GET /metrics: the Prometheus scrape target (plugins/metrics.ts holds what it exposes). With METRICS_API_KEY
 * set only that key opens it (plugins/client-auth.ts lets the path through to this check); without it,
 * API_KEYS guards it as every other path.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ClientKeys, presentedKey } from '../core/client-keys.js'
import { UnauthorizedError } from '../errors.js'
import { answerSchemas } from '../schemas/answer-schemas.js'
import { OLLAMA_DIALECT } from '../schemas/common.js'
import { MetricsExpositionSchema } from '../schemas/metrics.js'

const metricsRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const metricsKeys = new ClientKeys(fastify.config.METRICS_API_KEY)
  fastify.get('/metrics', {
    schema: {
      operationId: 'getMetrics',
      summary: 'Prometheus metrics: requests, durations, tokens, streams, retries, fallbacks, circuits, Redis',
      tags: ['server'],
      security: [{ metricsBearer: [] }, { bearer: [] }, { apiKey: [] }, {}],
      response: answerSchemas(OLLAMA_DIALECT, {
        description: 'Every metric of this replica',
        text: MetricsExpositionSchema,
        errors: { 401: 'METRICS_API_KEY is set and the request does not carry it; without it, API_KEYS is set and the request carries none of its keys' }
      })
    },
    onRequest: async (request) => {
      if (!metricsKeys.enabled) return
      const key = presentedKey(request.headers)
      if (key === undefined || !metricsKeys.accepts(key)) throw new UnauthorizedError()
    }
  }, async (_request, reply) => {
    const text = await fastify.metrics.exposition()
    return reply.type(fastify.metrics.contentType).send(text)
  })
}

export default metricsRoutes
