/**
 * OpenAI-compatible `/embeddings`: the request for one batch and the vectors of its answer.
 * DashScope, SiliconFlow, Volcengine Ark and Zhipu answer in the same shape.
 * @see https://platform.openai.com/docs/api-reference/embeddings (checked 2026-11)
 */
import type { ProtocolContext, UpstreamHttpRequest } from '../../../src/core/protocol.js'
import type { EmbedBatchResult, EmbedOptions } from '../../../src/core/embed-request.js'

export interface OpenAiEmbeddingRequest {
  model: string
  input: readonly string[]
  /** Only sent when the client asked for a length; models without the parameter reject it. */
  dimensions?: number
  encoding_format: 'float'
}

interface OpenAiEmbeddingResponse {
  data?: Array<{ index?: unknown, embedding?: unknown }>
  usage?: { prompt_tokens?: unknown, total_tokens?: unknown } | null
}

export function toOpenAiEmbeddingRequest (inputs: readonly string[], options: EmbedOptions, context: ProtocolContext): UpstreamHttpRequest {
  const body: OpenAiEmbeddingRequest = {
    model: context.card.id,
    input: inputs,
    ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
    encoding_format: 'float'
  }
  return { path: '/embeddings', body }
}

/** Vectors ordered by `index` (the API does not promise answer order), checked to cover every input once. */
export function readOpenAiEmbeddingResponse (body: unknown, inputCount: number): EmbedBatchResult {
  const data = (body as OpenAiEmbeddingResponse | null)?.data
  if (!Array.isArray(data)) throw new Error('no data array in the embedding answer')
  if (data.length !== inputCount) throw new Error(`${data.length} embeddings for ${inputCount} inputs`)
  const embeddings = new Array<number[]>(inputCount)
  data.forEach((item, position) => {
    const index = item.index ?? position
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= inputCount || embeddings[index] !== undefined) {
      throw new Error(`embedding index ${String(index)} is out of range or repeated`)
    }
    const vector = item.embedding
    if (!Array.isArray(vector) || !vector.every((value) => typeof value === 'number')) {
      throw new Error(`embedding ${index} is not an array of numbers`)
    }
    embeddings[index] = vector as number[]
  })
  const usage = (body as OpenAiEmbeddingResponse).usage
  const tokens = usage?.prompt_tokens ?? usage?.total_tokens
  return typeof tokens === 'number' && tokens > 0 ? { embeddings, promptTokens: tokens } : { embeddings }
}
