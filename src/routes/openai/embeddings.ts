/** POST /v1/embeddings, as Ollama serves it on top of `/api/embed`: unit vectors, `dimensions`, float or base64. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { resolveEmbeddingModel } from '../../core/admission.js'
import { toOllamaVector } from '../../ollama/embedding-vectors.js'
import { embeddingList, readEmbeddingInput, readEncodingFormat } from '../../openai/embedding-list.js'
import { OpenAiEmbeddingsRequestSchema } from '../../schemas/openai.js'
import { DEFAULT_KEEP_ALIVE_MS } from '../defaults.js'
import { openAiResponses } from './openai-responses.js'

const embeddingsRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/v1/embeddings', {
    schema: {
      summary: 'OpenAI embeddings over the same embedding models',
      tags: ['openai'],
      body: OpenAiEmbeddingsRequestSchema,
      response: openAiResponses('A list of `embedding` objects in input order, with usage')
    }
  }, async (request) => {
    const body = request.body
    // Ollama checks the input and the format before it looks the model up.
    const inputs = readEmbeddingInput(body.input)
    const format = readEncodingFormat(body.encoding_format)
    const requested = resolveEmbeddingModel(fastify.providers, body.model)
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
