/**
 * The Gemini protocol of one provider instance: geminiProtocol (whose own mappers keep no thought
 * signatures, so Gemini 3 tool loops get Google's placeholder) with that instance's memory of them.
 */
import type { Protocol } from '../../../src/core/protocol.js'
import { assistantToolCallIds } from '../../shared/tool-call-memory.js'
import { geminiProtocol } from './protocol.js'
import type { SignatureMemory } from './signature-memory.js'
import { GeminiStreamMapper } from './stream-mapper.js'
import { geminiStreamPath, toGeminiRequest } from './to-gemini-request.js'

/**
 * The protocol one Gemini provider plugin registers: geminiProtocol with that instance's memory of
 * thought signatures, kept by the stream mapper and put back by the request mapper (signature-memory.ts).
 */
export function createGeminiProtocol (signatureMemory: SignatureMemory): Protocol {
  return {
    // Only a shared memory has anything to read first: a process-local one adds no await to the request.
    ...(signatureMemory.isShared ? { prepareChatRequest: (request) => signatureMemory.preload(assistantToolCallIds(request)) } : {}),
    ...geminiProtocol,
    buildChatRequest: (request, context) => ({ path: geminiStreamPath(context.card.id), body: toGeminiRequest(request, { ...context, signatureMemory }) }),
    createStreamMapper: () => new GeminiStreamMapper(signatureMemory)
  }
}
