/** The Anthropic Messages routes (`/v1/messages`, `/v1/messages/count_tokens`), with errors in Anthropic's shape. */
import type { FastifyPluginAsync } from 'fastify'
import { anthropicErrorBody } from '../../anthropic/anthropic-error.js'
import countTokensRoute from './count-tokens.js'
import messagesRoute from './messages.js'

const anthropicRoutes: FastifyPluginAsync = async (fastify) => {
  // The one error handler renders `{"error": "..."}`; here the same message and status take Anthropic's shape.
  fastify.addHook('preSerialization', async (_request, reply, payload) => {
    const error = (payload as { error?: unknown } | null)?.error
    if (reply.statusCode >= 400 && typeof error === 'string') return anthropicErrorBody(reply.statusCode, error)
    return payload
  })
  await fastify.register(messagesRoute)
  await fastify.register(countTokensRoute)
}

export default anthropicRoutes
