/**
 * Anthropic's own token count: POST /v1/messages/count_tokens with the fields a chat request would send
 * (model, system, messages, tools, thinking), answered `{"input_tokens": N}`.
 * @see https://docs.claude.com/en/api/messages-count-tokens (checked 2026-11)
 */
import type { NormalisedChatRequest } from '../../../src/core/chat-request.js'
import type { ProtocolContext, UpstreamHttpRequest } from '../../../src/core/protocol.js'
import { toAnthropicRequest } from './to-anthropic-request.js'

export function toAnthropicCountTokensRequest (request: NormalisedChatRequest, context: ProtocolContext): UpstreamHttpRequest {
  const { model, system, messages, tools, thinking } = toAnthropicRequest(request, context)
  // The counting endpoint refuses the sampling and streaming fields as extra inputs.
  return {
    path: '/v1/messages/count_tokens',
    body: { model, messages, ...(system === undefined ? {} : { system }), ...(tools === undefined ? {} : { tools }), ...(thinking === undefined ? {} : { thinking }) }
  }
}

/** `input_tokens` of the answer; throws when it is not a non-negative integer. */
export function readAnthropicCountTokens (body: unknown): number {
  const tokens = (body as { input_tokens?: unknown } | null)?.input_tokens
  if (typeof tokens !== 'number' || !Number.isInteger(tokens) || tokens < 0) throw new Error('the count_tokens answer has no input_tokens')
  return tokens
}
