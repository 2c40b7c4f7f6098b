/**
 * The `/api/chat` reader. Ollama's chat handler reads its body in three phases, and its errors come in that order:
 * images while decoding (before the model is looked up), `think` once the model is known (before its capabilities
 * are checked), format and messages last (after the capability checks and the empty-conversation answers).
 */
import { asksThinking, type CapabilityNeeds } from '../core/admission.js'
import type { SamplingOptions } from '../core/chat-request.js'
import type { DialectRequest } from '../core/dialect.js'
import { checkTopLogprobs, readLogprobsRequest } from '../core/logprobs-request.js'
import type { ChatRequest } from '../schemas/chat.js'
import { checkImageData } from './image-data.js'
import { readFormat, readMessages, readThink, readTools } from './request-fields.js'

/**
 * Phase 1, while decoding: every message's images must be standard base64 (InvalidImageDataError, 400), then
 * `top_logprobs` must be 0–20 (TopLogprobsRangeError, 400).
 */
export function decodeChatBody (body: ChatRequest): void {
  for (const message of body.messages ?? []) checkImageData(message.images)
  checkTopLogprobs(body.top_logprobs)
}

/** Phase 2, once the model is known: what the request needs of it. An invalid `think` throws InvalidRequestError (400). */
export function chatNeeds (body: ChatRequest): CapabilityNeeds {
  return {
    thinking: asksThinking(readThink(body.think)),
    tools: body.tools !== undefined && body.tools !== null && body.tools.length > 0,
    insert: false,
    vision: (body.messages ?? []).some((message) => message.images !== undefined && message.images !== null && message.images.length > 0)
  }
}

/**
 * Phase 3, once the model is admitted: the whole request. `options` are the client's, already read (under the
 * preset's, see `presetOptions`). Throws InvalidRequestError (400) for a bad format, then for a bad message.
 * Streamed unless `stream` is false.
 */
export function readChatRequest (body: ChatRequest, options: SamplingOptions): DialectRequest {
  const think = readThink(body.think)
  const tools = readTools(body.tools)
  const format = readFormat(body.format)
  const logprobs = readLogprobsRequest(body.logprobs, body.top_logprobs)
  return {
    model: body.model,
    stream: body.stream !== false,
    chat: {
      messages: readMessages(body.messages ?? []),
      options,
      ...(logprobs === undefined ? {} : { logprobs }),
      ...(tools.length > 0 ? { tools } : {}),
      ...(think === undefined ? {} : { think }),
      ...(format === undefined ? {} : { format })
    }
  }
}
