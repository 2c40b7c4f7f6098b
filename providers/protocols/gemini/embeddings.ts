/**
 * Gemini `batchEmbedContents`: the request for one batch and the vectors of its answer. Gemini reports
 * no token usage for embeddings, so no prompt token count is returned.
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents (checked 2026-11)
 */
import type { EmbedBatchResult, EmbedOptions } from '../../../src/core/embed-request.js'
import type { ProtocolContext, UpstreamHttpRequest } from '../../../src/core/protocol.js'

export interface GeminiEmbedContentRequest {
  /** `models/{model}`: Gemini rejects a batch whose requests name another model than the URL. */
  model: string
  content: { parts: Array<{ text: string }> }
  /** Only sent when the client asked for a shorter vector. */
  outputDimensionality?: number
}

export interface GeminiBatchEmbedRequest {
  requests: GeminiEmbedContentRequest[]
}

interface GeminiBatchEmbedResponse {
  embeddings?: Array<{ values?: unknown } | null>
}

export function geminiBatchEmbedPath (modelId: string): string {
  return `/v1beta/models/${encodeURIComponent(modelId)}:batchEmbedContents`
}

export function toGeminiEmbedRequest (inputs: readonly string[], options: EmbedOptions, context: ProtocolContext): UpstreamHttpRequest {
  const model = `models/${context.card.id}`
  const body: GeminiBatchEmbedRequest = {
    requests: inputs.map((text) => ({
      model,
      content: { parts: [{ text }] },
      ...(options.dimensions === undefined ? {} : { outputDimensionality: options.dimensions })
    }))
  }
  return { path: geminiBatchEmbedPath(context.card.id), body }
}

/** The answer carries no index: `embeddings[i]` belongs to `requests[i]`, so the count must match exactly. */
export function readGeminiEmbedResponse (body: unknown, inputCount: number): EmbedBatchResult {
  const items = (body as GeminiBatchEmbedResponse | null)?.embeddings
  if (!Array.isArray(items)) throw new Error('no embeddings array in the embedding answer')
  if (items.length !== inputCount) throw new Error(`${items.length} embeddings for ${inputCount} inputs`)
  const embeddings = items.map((item, index) => {
    const values = item?.values
    if (!Array.isArray(values) || !values.every((value) => typeof value === 'number')) {
      throw new Error(`embedding ${index} is not an array of numbers`)
    }
    return values as number[]
  })
  return { embeddings }
}
