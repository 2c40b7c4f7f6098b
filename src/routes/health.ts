/** GET /health/live and /health/ready: the container's probes, open even when API_KEYS is set. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ShuttingDownError } from '../errors.js'
import { ErrorBodySchema } from '../schemas/common.js'

const HealthStatusSchema = Type.Object({ status: Type.String() })

const healthRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/health/live', {
    schema: { summary: 'Liveness: the process answers', tags: ['server'], response: { 200: HealthStatusSchema } }
  }, async () => ({ status: 'ok' }))

  fastify.get('/health/ready', {
    schema: {
      summary: 'Readiness: accepting new requests (503 while shutting down)',
      tags: ['server'],
      response: { 200: HealthStatusSchema, 503: Type.Ref(ErrorBodySchema) }
    }
  }, async () => {
    if (!fastify.lifecycle.ready) throw new ShuttingDownError()
    return { status: 'ready' }
  })
}

export default healthRoutes
