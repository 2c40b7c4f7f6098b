/** The answers to an empty prompt or empty messages: Ollama's "load", or "unload" with keep_alive 0. */
import type { ChatResponse } from '../schemas/chat.js'
import type { GenerateResponse } from '../schemas/generate.js'
import { buildChunk } from './chunk-builder.js'

export function loadAnswer (shape: 'chat', model: string, unload: boolean): ChatResponse
export function loadAnswer (shape: 'generate', model: string, unload: boolean): GenerateResponse
export function loadAnswer (shape: 'chat' | 'generate', model: string, unload: boolean): ChatResponse | GenerateResponse {
  return buildChunk(shape, model, { content: '' }, { doneReason: unload ? 'unload' : 'load' })
}
