/** The answers to an empty prompt or empty messages: Ollama's "load", or "unload" with keep_alive 0. */
import type { ChatResponse } from '../schemas/chat.js'
import type { GenerateResponse } from '../schemas/generate.js'
import { buildChunk, type AnswerIdentity } from './chunk-builder.js'

/**
 * `identity` as for any answer; Ollama unloads before it looks at where a model runs, so an unload answer carries
 * `model` alone, while a load answer comes from the remote host and carries the remote fields.
 */
export function loadAnswer (shape: 'chat', identity: AnswerIdentity, unload: boolean): ChatResponse
export function loadAnswer (shape: 'generate', identity: AnswerIdentity, unload: boolean): GenerateResponse
export function loadAnswer (shape: 'chat' | 'generate', identity: AnswerIdentity, unload: boolean): ChatResponse | GenerateResponse {
  return buildChunk(shape, unload ? { model: identity.model } : identity, { content: '' }, { doneReason: unload ? 'unload' : 'load' })
}
