/**
 * GET /v1/models and GET /v1/models/{model}: the registry's models as OpenAI model objects, or in Anthropic's
 * shape (answers and errors) for a request carrying `anthropic-version`, as Anthropic's SDKs and Claude Code send.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { anthropicErrorBody } from '../../anthropic/anthropic-error.js'
import { anthropicModel, anthropicModelPage } from '../../anthropic/model-list.js'
import { ModelNotFoundError } from '../../errors.js'
import { openAiModel } from '../../openai/model-object.js'
import { AnthropicErrorBodySchema, AnthropicModelListSchema, AnthropicModelSchema } from '../../schemas/anthropic.js'
import { OpenAiErrorBodySchema, OpenAiModelListSchema, OpenAiModelSchema } from '../../schemas/openai.js'

const openAiModelRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const speaksAnthropic = (headers: Record<string, unknown>): boolean => headers['anthropic-version'] !== undefined
  // Runs after /v1's hook made an error OpenAI-shaped; plain JSON rather than the schema serializer's pick between shapes.
  fastify.addHook('preSerialization', async (request, reply, payload) => {
    if (!speaksAnthropic(request.headers)) return payload
    reply.serializer(JSON.stringify)
    const message = (payload as { error?: { message?: unknown } } | null)?.error?.message
    return reply.statusCode >= 400 && typeof message === 'string' ? anthropicErrorBody(reply.statusCode, message) : payload
  })

  fastify.get('/v1/models', {
    schema: { summary: 'List models in OpenAI\'s shape (Anthropic\'s with an anthropic-version header)', tags: ['openai'], response: { 200: Type.Union([Type.Ref(OpenAiModelListSchema), AnthropicModelListSchema]) } }
  }, async (request) => {
    if (speaksAnthropic(request.headers)) return anthropicModelPage(fastify.providers.list(), request.query as Record<string, unknown>)
    const models = fastify.providers.list()
    // Go's nil slice: Ollama answers null, not [], when it has no model.
    return { object: 'list' as const, data: models.length === 0 ? null : models.map((model) => openAiModel(model.name, model)) }
  })

  // Model names hold slashes (`openai/gpt-4o`), so the rest of the path is the name.
  fastify.get('/v1/models/*', {
    schema: {
      summary: 'One model in OpenAI\'s shape',
      tags: ['openai'],
      params: Type.Object({ '*': Type.String() }),
      response: { 200: Type.Union([Type.Ref(OpenAiModelSchema), AnthropicModelSchema]), 404: Type.Union([Type.Ref(OpenAiErrorBodySchema), AnthropicErrorBodySchema]) }
    }
  }, async (request) => {
    const name = request.params['*']
    const model = fastify.providers.resolve(name)
    if (model === undefined) throw new ModelNotFoundError(name)
    return speaksAnthropic(request.headers) ? anthropicModel(name, model) : openAiModel(name, model)
  })
}

export default openAiModelRoutes
