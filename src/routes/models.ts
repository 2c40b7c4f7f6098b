/** GET /api/tags, POST /api/show, GET /api/ps: the registry's models in Ollama's listing shapes. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ModelNotFoundError, ModelRequiredError } from '../errors.js'
import { listedModel, runningModel, showModel } from '../ollama/model-listing.js'
import { ErrorBodySchema } from '../schemas/common.js'
import { PsResponseSchema, ShowRequestSchema, ShowResponseSchema, TagsResponseSchema } from '../schemas/models.js'

/** Real Ollama echoes the requested name as the display name for Copilot Chat. */
const COPILOT_USER_AGENT = 'GitHubCopilotChat/'

const modelRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/api/tags', {
    schema: { summary: 'List the models every active provider serves', tags: ['models'], response: { 200: Type.Ref(TagsResponseSchema) } }
  }, async () => ({ models: fastify.providers.list().map(listedModel) }))

  fastify.post('/api/show', {
    schema: {
      summary: 'Show a model\'s details, capabilities and model_info',
      tags: ['models'],
      body: ShowRequestSchema,
      response: { 200: Type.Ref(ShowResponseSchema), 400: Type.Ref(ErrorBodySchema), 404: Type.Ref(ErrorBodySchema) }
    }
  }, async (request) => {
    const name = request.body?.model || request.body?.name
    if (!name) throw new ModelRequiredError()
    const model = fastify.providers.resolve(name)
    if (model === undefined) throw new ModelNotFoundError(name.includes(':') ? name : `${name}:latest`)
    const copilot = (request.headers['user-agent'] ?? '').startsWith(COPILOT_USER_AGENT)
    return showModel(model, copilot ? name : model.card.id)
  })

  fastify.get('/api/ps', {
    schema: { summary: 'List recently used models, as loaded models', tags: ['models'], response: { 200: Type.Ref(PsResponseSchema) } }
  }, async () => ({
    models: fastify.recentModels.list().map((entry) => runningModel(entry.model, entry.expiresAt))
  }))
}

export default modelRoutes
