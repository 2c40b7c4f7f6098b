/** Anthropic's Messages API as a Protocol: `/v1/messages` on the host root, key in `x-api-key`. */
import type { Protocol } from '../../../src/core/protocol.js'
import { readAnthropicCountTokens, toAnthropicCountTokensRequest } from './count-tokens.js'
import { isAnthropicUnknownModel, readAnthropicErrorText } from './error-body.js'
import { listAnthropicModels } from './model-list.js'
import { AnthropicStreamMapper } from './stream-mapper.js'
import { anthropicStops, toAnthropicRequest } from './to-anthropic-request.js'

/** @see https://docs.claude.com/en/api/versioning (checked 2026-11) */
export const ANTHROPIC_VERSION = '2023-06-01'

export const anthropicProtocol: Protocol = {
  authHeaders: (apiKey) => ({ 'x-api-key': apiKey, 'anthropic-version': ANTHROPIC_VERSION }),
  buildChatRequest: (request, context) => ({ path: '/v1/messages', body: toAnthropicRequest(request, context) }),
  sentStops: (stops) => anthropicStops(stops),
  createStreamMapper: () => new AnthropicStreamMapper(),
  readErrorMessage: readAnthropicErrorText,
  isUnknownModel: isAnthropicUnknownModel,
  buildCountTokensRequest: toAnthropicCountTokensRequest,
  readCountTokensResponse: readAnthropicCountTokens,
  listModels: listAnthropicModels
}
