/** The Anthropic Messages routes (`/v1/messages`, `/v1/messages/count_tokens`), with errors in Anthropic's shape. */
import type { FastifyPluginAsync } from 'fastify'
import { renderErrorsAs } from '../../../plugins/error-handler.js'
import { anthropicErrorBody } from '../../anthropic/anthropic-error.js'
import countTokensRoute from './count-tokens.js'
import messagesRoute from './messages.js'

const anthropicRoutes: FastifyPluginAsync = async (fastify) => {
  // The one error handler decides status and message; here they take Anthropic's shape.
  renderErrorsAs(fastify, anthropicErrorBody)
  await fastify.register(messagesRoute)
  await fastify.register(countTokensRoute)
}

export default anthropicRoutes
