/**
 * The Gemini API as a Protocol: streamGenerateContent with `alt=sse` and batchEmbedContents,
 * key in `x-goog-api-key` (never the URL).
 */
import type { Protocol } from '../../../src/core/protocol.js'
import { readGeminiCountTokens, toGeminiCountTokensRequest } from './count-tokens.js'
import { readGeminiEmbedResponse, toGeminiEmbedRequest } from './embeddings.js'
import { classifyGeminiError, isGeminiUnknownModel, readGeminiErrorText } from './error-body.js'
import { listGeminiModels } from './model-list.js'
import { GeminiStreamMapper } from './stream-mapper.js'
import { geminiStops, geminiStreamPath, toGeminiRequest } from './to-gemini-request.js'

export const geminiProtocol: Protocol = {
  authHeaders: (apiKey) => ({ 'x-goog-api-key': apiKey }),
  buildChatRequest: (request, context) => ({ path: geminiStreamPath(context.card.id), body: toGeminiRequest(request, context) }),
  // responseLogprobs and logprobs in generationConfig; each candidate's logprobsResult is mapped.
  logprobsRefusal: () => undefined,
  sentStops: (stops) => geminiStops(stops),
  createStreamMapper: () => new GeminiStreamMapper(),
  readErrorMessage: readGeminiErrorText,
  classifyError: classifyGeminiError,
  isUnknownModel: isGeminiUnknownModel,
  buildEmbedRequest: toGeminiEmbedRequest,
  readEmbedResponse: readGeminiEmbedResponse,
  buildCountTokensRequest: toGeminiCountTokensRequest,
  readCountTokensResponse: readGeminiCountTokens,
  listModels: listGeminiModels
}
