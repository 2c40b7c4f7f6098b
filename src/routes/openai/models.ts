/**
 * GET /v1/models and GET /v1/models/{model}: the registry's models as OpenAI model objects, or in Anthropic's
 * shape (answers and errors) for a request carrying `anthropic-version`, as Anthropic's SDKs and Claude Code send.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import { anthropicErrorBody } from '../../anthropic/anthropic-error.js'
import { anthropicModel, anthropicModelPage } from '../../anthropic/model-list.js'
import { ModelNotFoundError } from '../../errors.js'
import { currentListing, listingBody } from '../../ollama/model-listing.js'
import { openAiModel, openAiModelList } from '../../openai/model-object.js'
import { answerSchemas } from '../../schemas/answer-schemas.js'
import { AnthropicModelListSchema, AnthropicModelPageQuerySchema, AnthropicModelSchema, AnthropicVersionHeadersSchema, OPENAI_OR_ANTHROPIC_DIALECT } from '../../schemas/anthropic.js'
import { OpenAiModelListSchema, OpenAiModelSchema } from '../../schemas/openai-answers.js'

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
    schema: {
      operationId: 'openAiListModels',
      summary: 'List models in OpenAI\'s shape (Anthropic\'s with an anthropic-version header)',
      tags: ['openai', 'anthropic'],
      headers: AnthropicVersionHeadersSchema,
      querystring: AnthropicModelPageQuerySchema,
      response: answerSchemas(OPENAI_OR_ANTHROPIC_DIALECT, {
        description: 'Every served model; with anthropic-version, one page of the models that can chat',
        json: Type.Union([Type.Ref(OpenAiModelListSchema), Type.Ref(AnthropicModelListSchema)])
      })
    }
  }, async (request, reply) => {
    const listing = currentListing(fastify.providers)
    if (speaksAnthropic(request.headers)) return anthropicModelPage(listing.models, request.query as Record<string, unknown>)
    // The bytes rendered once per registry change, as /api/tags sends them (OpenAiModelListSchema documents them).
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(listingBody(listing, openAiModelList))
  })

  // Model names hold slashes (`openai/gpt-4o`), so the rest of the path is the name.
  fastify.get('/v1/models/*', {
    schema: {
      operationId: 'openAiRetrieveModel',
      summary: 'One model in OpenAI\'s shape (Anthropic\'s with an anthropic-version header)',
      tags: ['openai', 'anthropic'],
      // Documented as /v1/models/{model} (plugins/openapi.ts): the name may hold slashes, sent as they are or as %2F.
      params: Type.Object({ '*': Type.String({ description: 'A model name, e.g. openai/gpt-4o' }) }),
      headers: AnthropicVersionHeadersSchema,
      response: answerSchemas(OPENAI_OR_ANTHROPIC_DIALECT, {
        description: 'The model, in Anthropic\'s shape with anthropic-version',
        json: Type.Union([Type.Ref(OpenAiModelSchema), Type.Ref(AnthropicModelSchema)]),
        errors: { 404: 'Unknown model' }
      })
    }
  }, async (request) => {
    const name = request.params['*']
    const model = fastify.providers.resolve(name)
    if (model === undefined) throw new ModelNotFoundError(name)
    return speaksAnthropic(request.headers) ? anthropicModel(name, model) : openAiModel(name, model)
  })
}

export default openAiModelRoutes
