/** The `/v1` routes: Ollama's OpenAI compatibility layer, with errors in OpenAI's shape. */
import type { FastifyPluginAsync } from 'fastify'
import { renderErrorsAs } from '../../../plugins/error-handler.js'
import { openAiErrorBody } from '../../openai/openai-error.js'
import chatCompletionsRoute from './chat-completions.js'
import completionsRoute from './completions.js'
import embeddingsRoute from './embeddings.js'
import openAiModelRoutes from './models.js'
import responsesRoute from './responses.js'

const openAiRoutes: FastifyPluginAsync = async (fastify) => {
  // The one error handler decides status and message; within /v1 they take OpenAI's shape.
  renderErrorsAs(fastify, openAiErrorBody)
  await fastify.register(chatCompletionsRoute)
  await fastify.register(completionsRoute)
  await fastify.register(embeddingsRoute)
  await fastify.register(openAiModelRoutes)
  await fastify.register(responsesRoute)
}

export default openAiRoutes
