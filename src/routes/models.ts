/** GET /api/tags, POST /api/show, GET /api/experimental/model-recommendations, GET /api/ps: the registry's models in Ollama's listing shapes. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import { modelNotFound } from '../core/admission.js'
import { ModelRequiredError } from '../errors.js'
import { currentListing, listingBody, recommendedModel, runningModel, showModel, tagsAnswer } from '../ollama/model-listing.js'
import { answerSchemas, BODY_ERRORS } from '../schemas/answer-schemas.js'
import { OLLAMA_DIALECT } from '../schemas/common.js'
import { ModelRecommendationsResponseSchema, PsResponseSchema, ShowRequestSchema, ShowResponseSchema, TagsResponseSchema } from '../schemas/models.js'

/** Real Ollama echoes the requested name as the display name for Copilot Chat. */
const COPILOT_USER_AGENT = 'GitHubCopilotChat/'

const modelRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/api/tags', {
    schema: {
      operationId: 'listModels',
      summary: 'List the models every active provider serves',
      tags: ['models'],
      response: answerSchemas(OLLAMA_DIALECT, { description: 'Every served model', json: TagsResponseSchema })
    }
  }, async (_request, reply) => {
    // The bytes rendered once per registry change (960 KB with 2,000 models), sent as they are; TagsResponseSchema
    // documents them. The untyped reply takes a Buffer, which the typed one (the schema's shape only) would refuse.
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(listingBody(currentListing(fastify.providers), tagsAnswer))
  })

  fastify.post('/api/show', {
    schema: {
      operationId: 'showModel',
      summary: 'Show a model\'s details, capabilities and model_info',
      tags: ['models'],
      body: Type.Ref(ShowRequestSchema),
      response: answerSchemas(OLLAMA_DIALECT, {
        description: 'The model',
        json: ShowResponseSchema,
        errors: { ...BODY_ERRORS, 400: 'No model named, or a body that is not JSON', 404: 'Unknown model' }
      })
    }
  }, async (request) => {
    const name = request.body?.model || request.body?.name
    if (!name) throw new ModelRequiredError()
    const model = fastify.providers.resolve(name)
    if (model === undefined) throw modelNotFound(fastify.providers, name.includes(':') ? name : `${name}:latest`)
    const copilot = (request.headers['user-agent'] ?? '').startsWith(COPILOT_USER_AGENT)
    return showModel(model, copilot ? name : model.card.id)
  })

  // Ollama serves it on GET only: HEAD answers 405, as gin does.
  fastify.get('/api/experimental/model-recommendations', {
    exposeHeadRoute: false,
    schema: {
      operationId: 'listModelRecommendations',
      summary: 'The operator\'s aliases (CONFIG_FILE) as recommendations; empty without any',
      tags: ['models'],
      response: answerSchemas(OLLAMA_DIALECT, { description: 'Recommended models', json: ModelRecommendationsResponseSchema })
    }
  }, async () => ({
    recommendations: fastify.providers.list().filter((model) => model.alias?.origin === 'config').map(recommendedModel)
  }))

  fastify.get('/api/ps', {
    schema: {
      operationId: 'listRunningModels',
      summary: 'List recently used models, as loaded models',
      tags: ['models'],
      response: answerSchemas(OLLAMA_DIALECT, { description: 'Models used within their keep_alive', json: PsResponseSchema })
    }
  }, async () => ({
    models: (await fastify.recentModels.listEverywhere((name) => fastify.providers.resolve(name))).map((entry) => runningModel(entry.model, entry.expiresAt))
  }))
}

export default modelRoutes
