/**
 * The `/api/generate` reader, in the phases of Ollama's generate handler: images while decoding (before the model is
 * looked up), raw mode and `think` once the model is known, format last (after the capability checks and the
 * empty-prompt answers). The prompt becomes one user message, after the client's `system` when there is one and after
 * the earlier turns a `context` carries back (src/ollama/generate-context.ts).
 */
import { asksThinking, type CapabilityNeeds } from '../core/admission.js'
import type { ChatMessage, SamplingOptions } from '../core/chat-request.js'
import type { DialectRequest } from '../core/dialect.js'
import { checkTopLogprobs, readLogprobsRequest } from '../core/logprobs-request.js'
import { RawConflictError } from '../errors.js'
import type { GenerateRequest } from '../schemas/generate.js'
import { decodeContext, type ContextTurn } from './generate-context.js'
import { checkImageData } from './image-data.js'
import { readFormat, readThink } from './request-fields.js'

/** Phase 1, while decoding: every image must be standard base64 (InvalidImageDataError, 400), then `top_logprobs` 0–20 (TopLogprobsRangeError, 400). */
export function decodeGenerateBody (body: GenerateRequest): void {
  checkImageData(body.images)
  checkTopLogprobs(body.top_logprobs)
}

/** Whether the client sent a `context` (the conversation of an earlier answer). */
export function hasContext (body: GenerateRequest): boolean {
  return body.context !== undefined && body.context !== null && body.context.length > 0
}

/**
 * Phase 2, once the model is known: what the request needs of it. Raw mode with a template, system or context
 * throws RawConflictError (400); then an invalid `think` throws InvalidRequestError (400).
 */
export function generateNeeds (body: GenerateRequest): CapabilityNeeds {
  if (body.raw === true && (body.template || body.system || hasContext(body))) throw new RawConflictError()
  return {
    thinking: asksThinking(readThink(body.think)),
    tools: false,
    // Fill-in-the-middle: the prompt is the text before the insertion point, `suffix` the text after it.
    insert: Boolean(body.suffix),
    vision: body.images !== undefined && body.images !== null && body.images.length > 0
  }
}

/** The earlier turns the request's `context` carries (none without one); throws InvalidContextError (400) for one this server did not issue. */
export function readContextTurns (body: GenerateRequest): ContextTurn[] {
  return hasContext(body) ? decodeContext(body.context as number[]) : []
}

/**
 * Phase 3, once the model is admitted: the whole request, `turns` (from `readContextTurns`) before the prompt.
 * `options` are the client's, already read (under the preset's). Throws InvalidRequestError (400) for a bad format.
 * Streamed unless `stream` is false.
 */
export function readGenerateRequest (body: GenerateRequest, options: SamplingOptions, turns: readonly ContextTurn[] = []): DialectRequest {
  const think = readThink(body.think)
  const format = readFormat(body.format)
  const logprobs = readLogprobsRequest(body.logprobs, body.top_logprobs)
  const messages: ChatMessage[] = []
  if (body.system && body.raw !== true) messages.push({ role: 'system', content: body.system })
  for (const turn of turns) messages.push({ role: 'user', content: turn.prompt }, { role: 'assistant', content: turn.answer })
  messages.push({ role: 'user', content: body.prompt ?? '', ...(body.images ? { images: body.images } : {}) })
  return {
    model: body.model,
    stream: body.stream !== false,
    chat: {
      messages,
      options,
      ...(logprobs === undefined ? {} : { logprobs }),
      ...(body.suffix ? { suffix: body.suffix } : {}),
      ...(think === undefined ? {} : { think }),
      ...(format === undefined ? {} : { format })
    }
  }
}
