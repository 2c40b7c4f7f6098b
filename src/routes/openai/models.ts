/** GET /v1/models and GET /v1/models/{model}: the registry's models as OpenAI model objects. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ModelNotFoundError } from '../../errors.js'
import { openAiModel } from '../../openai/model-object.js'
import { OpenAiErrorBodySchema, OpenAiModelListSchema, OpenAiModelSchema } from '../../schemas/openai.js'

const openAiModelRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/v1/models', {
    schema: { summary: 'List models in OpenAI\'s shape', tags: ['openai'], response: { 200: Type.Ref(OpenAiModelListSchema) } }
  }, async () => {
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
      response: { 200: Type.Ref(OpenAiModelSchema), 404: Type.Ref(OpenAiErrorBodySchema) }
    }
  }, async (request) => {
    const name = request.params['*']
    const model = fastify.providers.resolve(name)
    if (model === undefined) throw new ModelNotFoundError(name)
    return openAiModel(name, model)
  })
}

export default openAiModelRoutes
