/** `/api/embed` and legacy `/api/embeddings` request and response bodies. */
import { Type, type Static } from '@sinclair/typebox'
import { KeepAliveSchema, OptionsSchema } from './common.js'

export const EmbedRequestSchema = Type.Object({
  model: Type.Optional(Type.String({ description: 'provider/model of an embedding model' })),
  input: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String()), Type.Null()], {
    description: 'Text or texts to embed; absent, empty or [] answers an empty list'
  })),
  truncate: Type.Optional(Type.Union([Type.Boolean(), Type.Null()], {
    description: 'Accepted; over-long inputs are handled as the provider does (most reject them)'
  })),
  dimensions: Type.Optional(Type.Union([Type.Integer(), Type.Null()], {
    description: 'Vector length: sent to the provider, and longer vectors are truncated and re-normalised'
  })),
  options: Type.Optional(Type.Union([Type.Ref(OptionsSchema), Type.Null()])),
  keep_alive: Type.Optional(Type.Ref(KeepAliveSchema))
}, { $id: 'EmbedRequest' })

export type EmbedRequest = Static<typeof EmbedRequestSchema>

export const EmbedResponseSchema = Type.Object({
  model: Type.String(),
  embeddings: Type.Array(Type.Array(Type.Number()), { description: 'One L2-normalised vector per input, in input order' }),
  total_duration: Type.Optional(Type.Integer()),
  load_duration: Type.Optional(Type.Integer()),
  prompt_eval_count: Type.Optional(Type.Integer({ description: 'Input tokens, as the provider counted them' }))
}, { $id: 'EmbedResponse' })

export const EmbeddingsRequestSchema = Type.Object({
  model: Type.Optional(Type.String()),
  prompt: Type.Optional(Type.String({ description: 'Text to embed; empty answers an empty vector' })),
  options: Type.Optional(Type.Union([Type.Ref(OptionsSchema), Type.Null()])),
  keep_alive: Type.Optional(Type.Ref(KeepAliveSchema))
}, { $id: 'EmbeddingsRequest', description: 'Deprecated: use /api/embed' })

export type EmbeddingsRequest = Static<typeof EmbeddingsRequestSchema>

export const EmbeddingsResponseSchema = Type.Object({
  embedding: Type.Array(Type.Number(), { description: 'The vector as the provider answered it (not normalised, as in Ollama)' })
}, { $id: 'EmbeddingsResponse' })
