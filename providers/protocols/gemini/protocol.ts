/**
 * The Gemini API as a Protocol: streamGenerateContent with `alt=sse` and batchEmbedContents,
 * key in `x-goog-api-key` (never the URL).
 */
import type { Protocol } from '../../../src/core/protocol.js'
import { readGeminiEmbedResponse, toGeminiEmbedRequest } from './embeddings.js'
import { readGeminiErrorText } from './error-body.js'
import type { SignatureMemory } from './signature-memory.js'
import { GeminiStreamMapper } from './stream-mapper.js'
import { geminiStreamPath, toGeminiRequest } from './to-gemini-request.js'

/** Without a memory of thought signatures: Gemini 3 tool loops get Google's placeholder. The provider plugin uses createGeminiProtocol. */
export const geminiProtocol: Protocol = {
  authHeaders: (apiKey) => ({ 'x-goog-api-key': apiKey }),
  buildChatRequest: (request, context) => ({ path: geminiStreamPath(context.card.id), body: toGeminiRequest(request, context) }),
  createStreamMapper: () => new GeminiStreamMapper(),
  readErrorMessage: readGeminiErrorText,
  buildEmbedRequest: toGeminiEmbedRequest,
  readEmbedResponse: readGeminiEmbedResponse
}

/**
 * The protocol one Gemini provider plugin registers: geminiProtocol with that instance's memory of
 * thought signatures, kept by the stream mapper and put back by the request mapper (signature-memory.ts).
 */
export function createGeminiProtocol (signatureMemory: SignatureMemory): Protocol {
  return {
    ...geminiProtocol,
    buildChatRequest: (request, context) => ({ path: geminiStreamPath(context.card.id), body: toGeminiRequest(request, { ...context, signatureMemory }) }),
    createStreamMapper: () => new GeminiStreamMapper(signatureMemory)
  }
}
