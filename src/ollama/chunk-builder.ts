/** ChatEvent pieces to Ollama's chunk objects, for `/api/chat` and `/api/generate` alike. */
import type { DoneReason, ToolCall } from '../core/chat-event.js'
import { formatTimestamp } from '../core/ollama-time.js'
import type { OllamaMetrics } from '../core/answer-metrics.js'

export type AnswerShape = 'chat' | 'generate'

export interface OllamaToolCall {
  id: string
  function: { index: number, name: string, arguments: Record<string, unknown> }
}

export interface AnswerPiece {
  content: string
  thinking?: string
  toolCalls?: OllamaToolCall[]
}

export function toOllamaToolCall (toolCall: ToolCall, index: number): OllamaToolCall {
  return { id: toolCall.id, function: { index, name: toolCall.name, arguments: toolCall.arguments } }
}

/** One chunk in Go's field order; empty `thinking` and `tool_calls` are omitted as Go's omitempty does. */
export function buildChunk (shape: AnswerShape, model: string, piece: AnswerPiece, final?: { doneReason: DoneReason | 'load' | 'unload', metrics?: OllamaMetrics }): Record<string, unknown> {
  const createdAt = formatTimestamp()
  if (shape === 'chat') {
    const message: Record<string, unknown> = { role: 'assistant', content: piece.content }
    if (piece.thinking) message.thinking = piece.thinking
    if (piece.toolCalls !== undefined && piece.toolCalls.length > 0) message.tool_calls = piece.toolCalls
    if (final === undefined) return { model, created_at: createdAt, message, done: false }
    return { model, created_at: createdAt, message, done_reason: final.doneReason, done: true, ...final.metrics }
  }
  const chunk: Record<string, unknown> = { model, created_at: createdAt, response: piece.content }
  if (piece.thinking) chunk.thinking = piece.thinking
  if (final === undefined) {
    chunk.done = false
    return chunk
  }
  chunk.done = true
  chunk.done_reason = final.doneReason
  Object.assign(chunk, final.metrics)
  if (piece.toolCalls !== undefined && piece.toolCalls.length > 0) chunk.tool_calls = piece.toolCalls
  return chunk
}
