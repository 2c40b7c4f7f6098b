/** GET /v1/models and GET /v1/models/{model}: the registry's models as OpenAI model objects. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ModelNotFoundError } from '../../errors.js'
import { openAiModel } from '../../openai/model-object.js'
import { answerSchemas } from '../../schemas/answer-schemas.js'
import { OPENAI_DIALECT } from '../../schemas/openai.js'
import { OpenAiModelListSchema, OpenAiModelSchema } from '../../schemas/openai-answers.js'

const openAiModelRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/v1/models', {
    schema: {
      operationId: 'openAiListModels',
      summary: 'List models in OpenAI\'s shape',
      tags: ['openai'],
      response: answerSchemas(OPENAI_DIALECT, { description: 'Every served model', json: OpenAiModelListSchema })
    }
  }, async () => {
    const models = fastify.providers.list()
    // Go's nil slice: Ollama answers null, not [], when it has no model.
    return { object: 'list' as const, data: models.length === 0 ? null : models.map((model) => openAiModel(model.name, model)) }
  })

  // Model names hold slashes (`openai/gpt-4o`), so the rest of the path is the name.
  fastify.get('/v1/models/*', {
    schema: {
      operationId: 'openAiRetrieveModel',
      summary: 'One model in OpenAI\'s shape',
      tags: ['openai'],
      // Documented as /v1/models/{model} (plugins/openapi.ts): the name may hold slashes, sent as they are or as %2F.
      params: Type.Object({ '*': Type.String({ description: 'A model name, e.g. openai/gpt-4o' }) }),
      response: answerSchemas(OPENAI_DIALECT, { description: 'The model', json: OpenAiModelSchema, errors: { 404: 'Unknown model' } })
    }
  }, async (request) => {
    const name = request.params['*']
    const model = fastify.providers.resolve(name)
    if (model === undefined) throw new ModelNotFoundError(name)
    return openAiModel(name, model)
  })
}

export default openAiModelRoutes
