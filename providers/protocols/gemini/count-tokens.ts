/**
 * Gemini's own token count: POST /v1beta/models/{model}:countTokens with the whole generateContent request
 * (so the system instruction and tools count too), answered `{"totalTokens": N, ...}`.
 * @see https://ai.google.dev/api/tokens (checked 2026-11)
 */
import type { NormalisedChatRequest } from '../../../src/core/chat-request.js'
import type { ProtocolContext, UpstreamHttpRequest } from '../../../src/core/protocol.js'
import { toGeminiRequest } from './to-gemini-request.js'

export function toGeminiCountTokensRequest (request: NormalisedChatRequest, context: ProtocolContext): UpstreamHttpRequest {
  const modelId = context.card.id
  // Generation settings do not change the count; leaving them out spares a refusal of one the counter does not take.
  const { generationConfig, ...counted } = toGeminiRequest(request, context)
  return {
    path: `/v1beta/models/${encodeURIComponent(modelId)}:countTokens`,
    body: { generateContentRequest: { model: `models/${modelId}`, ...counted } }
  }
}

/** `totalTokens` of the answer (absent means none, as protobuf JSON omits zeros); throws when it is not a count. */
export function readGeminiCountTokens (body: unknown): number {
  if (typeof body !== 'object' || body === null) throw new Error('the countTokens answer is not an object')
  const tokens = (body as { totalTokens?: unknown }).totalTokens ?? 0
  if (typeof tokens !== 'number' || !Number.isInteger(tokens) || tokens < 0) throw new Error('the countTokens answer has no totalTokens')
  return tokens
}
