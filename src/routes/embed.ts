/** POST /api/embed and the legacy POST /api/embeddings */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifySchemaValidationError } from 'fastify'
import { InvalidInputTypeError } from '../errors.js'
import { resolveEmbeddingModel } from '../core/admission.js'
import { toOllamaVector } from '../ollama/embedding-vectors.js'
import { parseKeepAlive } from '../ollama/keep-alive.js'
import { checkOptionTypes } from '../core/ollama-options.js'
import { answerSchemas, UPSTREAM_ERRORS } from '../schemas/answer-schemas.js'
import { OLLAMA_DIALECT } from '../schemas/common.js'
import { EmbeddingsRequestSchema, EmbeddingsResponseSchema, EmbedRequestSchema, EmbedResponseSchema } from '../schemas/embed.js'
import { DEFAULT_KEEP_ALIVE_MS } from './defaults.js'

const EMBED_ERRORS = {
  ...UPSTREAM_ERRORS,
  400: 'Invalid request or input type, or a model that cannot embed',
  404: 'Unknown model (Ollama\'s "try pulling it first" wording)',
  500: 'An internal failure, or an option of the wrong type (Ollama\'s status for it)'
}

/** Ollama answers any `input` that is not a string or a list of strings with `invalid input type`. */
function inputTypeErrors (errors: FastifySchemaValidationError[], dataVar: string): Error {
  if (errors.some((error) => error.instancePath === '/input' || error.instancePath.startsWith('/input/'))) return new InvalidInputTypeError()
  // Fastify's own wording for every other field.
  return new Error(errors.map((error) => `${dataVar}${error.instancePath} ${error.message ?? ''}`).join(', '))
}

const embedRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/api/embed', {
    schema: {
      operationId: 'embed',
      summary: 'Embed one text or a list of texts',
      tags: ['embeddings'],
      body: Type.Ref(EmbedRequestSchema),
      response: answerSchemas(OLLAMA_DIALECT, { description: 'One unit vector per input', json: EmbedResponseSchema, errors: EMBED_ERRORS })
    },
    schemaErrorFormatter: inputTypeErrors
  }, async (request) => {
    const body = request.body ?? {}
    const keepAliveMs = parseKeepAlive(body.keep_alive, DEFAULT_KEEP_ALIVE_MS)
    const requested = resolveEmbeddingModel(fastify.providers, body.model, 'not-found')
    // Options have no upstream meaning for embeddings, but Ollama still rejects wrong-typed ones.
    checkOptionTypes(body.options ?? {})
    // As in Ollama, an empty string counts as no input, while "" inside a list is embedded.
    const input = body.input ?? []
    const inputs = typeof input === 'string' ? (input === '' ? [] : [input]) : input
    if (inputs.length === 0) {
      fastify.recentModels.touch(requested.model, keepAliveMs)
      return { model: requested.echo, embeddings: [] }
    }
    const dimensions = body.dimensions ?? undefined
    const { embeddings, metrics } = await fastify.embed(request, {
      model: requested.model,
      inputs,
      keepAliveMs,
      ...(dimensions === undefined ? {} : { dimensions })
    })
    for (let index = 0; index < embeddings.length; index++) embeddings[index] = toOllamaVector(embeddings[index] as number[], dimensions)
    const figures = metrics.finish()
    return {
      model: requested.echo,
      embeddings,
      total_duration: figures.total_duration,
      load_duration: figures.load_duration,
      ...(figures.prompt_eval_count === undefined ? {} : { prompt_eval_count: figures.prompt_eval_count })
    }
  })

  fastify.post('/api/embeddings', {
    schema: {
      operationId: 'embeddings',
      summary: 'Embed one text (deprecated: use /api/embed)',
      tags: ['embeddings'],
      deprecated: true,
      body: Type.Ref(EmbeddingsRequestSchema),
      response: answerSchemas(OLLAMA_DIALECT, { description: 'The provider\'s vector, not normalised', json: EmbeddingsResponseSchema, errors: EMBED_ERRORS })
    }
  }, async (request) => {
    const body = request.body ?? {}
    const keepAliveMs = parseKeepAlive(body.keep_alive, DEFAULT_KEEP_ALIVE_MS)
    const requested = resolveEmbeddingModel(fastify.providers, body.model, 'model-required')
    // Options have no upstream meaning for embeddings, but Ollama still rejects wrong-typed ones.
    checkOptionTypes(body.options ?? {})
    const prompt = body.prompt ?? ''
    if (prompt === '') {
      fastify.recentModels.touch(requested.model, keepAliveMs)
      return { embedding: [] }
    }
    const { embeddings } = await fastify.embed(request, { model: requested.model, inputs: [prompt], keepAliveMs })
    // Ollama's legacy endpoint answers the model's raw vector, not normalised.
    return { embedding: embeddings[0] ?? [] }
  })
}

export default embedRoutes
