/**
 * A real Ollama's `/api/embed`: one batch of inputs in, `embeddings` in input order out.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings (checked 2026-11)
 */
import type { EmbedBatchResult, EmbedOptions } from '../../../src/core/embed-request.js'
import type { ProtocolContext, UpstreamHttpRequest } from '../../../src/core/protocol.js'

export function toOllamaEmbedRequest (inputs: readonly string[], options: EmbedOptions, context: ProtocolContext): UpstreamHttpRequest {
  return {
    path: '/api/embed',
    body: { model: context.card.id, input: inputs, ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }) }
  }
}

export function readOllamaEmbedResponse (body: unknown, inputCount: number): EmbedBatchResult {
  const answer = body as { embeddings?: unknown, prompt_eval_count?: unknown } | null
  const embeddings = answer?.embeddings
  if (!Array.isArray(embeddings)) throw new Error('no embeddings array in the embedding answer')
  if (embeddings.length !== inputCount) throw new Error(`${embeddings.length} embeddings for ${inputCount} inputs`)
  for (const vector of embeddings) {
    if (!Array.isArray(vector) || !vector.every((value) => typeof value === 'number')) throw new Error('an embedding is not an array of numbers')
  }
  const promptTokens = answer?.prompt_eval_count
  return { embeddings: embeddings as number[][], ...(typeof promptTokens === 'number' ? { promptTokens } : {}) }
}
