/** POST /v1/embeddings, as Ollama serves it on top of `/api/embed`: unit vectors, `dimensions`, float or base64. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { resolveEmbeddingModel } from '../../core/admission.js'
import { toOllamaVector } from '../../ollama/embedding-vectors.js'
import { embeddingList, readEmbeddingInput, readEncodingFormat } from '../../openai/embedding-list.js'
import { answerSchemas, UPSTREAM_ERRORS } from '../../schemas/answer-schemas.js'
import { OPENAI_DIALECT, OpenAiEmbeddingsRequestSchema } from '../../schemas/openai.js'
import { OpenAiEmbeddingListSchema } from '../../schemas/openai-answers.js'
import { DEFAULT_KEEP_ALIVE_MS } from '../defaults.js'

const embeddingsRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/v1/embeddings', {
    schema: {
      operationId: 'openAiCreateEmbedding',
      summary: 'OpenAI embeddings over the same embedding models',
      tags: ['openai'],
      body: Type.Ref(OpenAiEmbeddingsRequestSchema),
      response: answerSchemas(OPENAI_DIALECT, {
        description: 'A list of `embedding` objects in input order, with usage',
        json: OpenAiEmbeddingListSchema,
        errors: { ...UPSTREAM_ERRORS, 400: 'Invalid request, no input, an unknown encoding_format, or a model that cannot embed' }
      })
    }
  }, async (request) => {
    const body = request.body
    // Ollama checks the input and the format before it looks the model up.
    const inputs = readEmbeddingInput(body.input)
    const format = readEncodingFormat(body.encoding_format)
    const requested = resolveEmbeddingModel(fastify.providers, body.model, 'not-found')
    const dimensions = body.dimensions ?? undefined
    const { embeddings, metrics } = await fastify.embed(request, {
      model: requested.model,
      inputs,
      keepAliveMs: DEFAULT_KEEP_ALIVE_MS,
      ...(dimensions === undefined ? {} : { dimensions })
    })
    return embeddingList(embeddings.map((vector) => toOllamaVector(vector, dimensions)), format, requested.echo, metrics.promptTokens)
  })
}

export default embeddingsRoute
