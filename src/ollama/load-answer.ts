/** The answers to an empty prompt or empty messages: Ollama's "load", or "unload" with keep_alive 0. */
import { buildChunk, type AnswerShape } from './chunk-builder.js'

export function loadAnswer (shape: AnswerShape, model: string, unload: boolean): Record<string, unknown> {
  return buildChunk(shape, model, { content: '' }, { doneReason: unload ? 'unload' : 'load' })
}
