/** The `/v1` routes: Ollama's OpenAI compatibility layer, with errors in OpenAI's shape. */
import type { FastifyPluginAsync } from 'fastify'
import { openAiErrorBody } from '../../openai/openai-error.js'
import chatCompletionsRoute from './chat-completions.js'
import completionsRoute from './completions.js'
import embeddingsRoute from './embeddings.js'
import openAiModelRoutes from './models.js'
import responsesRoute from './responses.js'

const openAiRoutes: FastifyPluginAsync = async (fastify) => {
  // The one error handler renders `{"error": "..."}`; within /v1 the same message and status take OpenAI's shape.
  fastify.addHook('preSerialization', async (_request, reply, payload) => {
    const error = (payload as { error?: unknown } | null)?.error
    if (reply.statusCode >= 400 && typeof error === 'string') return openAiErrorBody(reply.statusCode, error)
    return payload
  })
  await fastify.register(chatCompletionsRoute)
  await fastify.register(completionsRoute)
  await fastify.register(embeddingsRoute)
  await fastify.register(openAiModelRoutes)
  await fastify.register(responsesRoute)
}

export default openAiRoutes
