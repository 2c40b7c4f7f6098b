/** ChatEvent pieces to Ollama's chunk objects, for `/api/chat` and `/api/generate` alike, typed by the schemas they must satisfy. */
import type { DoneReason, Logprob, ToolCall } from '../core/chat-event.js'
import { formatTimestamp } from '../core/ollama-time.js'
import type { OllamaMetrics } from '../core/answer-metrics.js'
import type { ChatResponse } from '../schemas/chat.js'
import type { AnswerToolCall } from '../schemas/common.js'
import type { GenerateChunk } from '../schemas/generate.js'

export type AnswerShape = 'chat' | 'generate'

/** A chunk of either shape: `/api/chat`'s ChatResponse, or `/api/generate`'s GenerateChunk (a superset of its one-shot GenerateResponse). */
export type OllamaChunk = ChatResponse | GenerateChunk

export interface AnswerPiece {
  content: string
  thinking?: string
  toolCalls?: AnswerToolCall[]
  /** Written only when not empty. */
  logprobs?: Logprob[]
}

export interface FinalFields {
  doneReason: DoneReason | 'load' | 'unload'
  metrics?: OllamaMetrics
  /** `/api/generate` only: the conversation to continue (src/ollama/generate-context.ts). */
  context?: number[]
}

export function toOllamaToolCall (toolCall: ToolCall, index: number): AnswerToolCall {
  return { id: toolCall.id, function: { index, name: toolCall.name, arguments: toolCall.arguments } }
}

/** One chunk in Go's field order; empty `thinking` and `tool_calls` are omitted as Go's omitempty does. */
export function buildChunk (shape: 'chat', model: string, piece: AnswerPiece, final?: FinalFields): ChatResponse
export function buildChunk (shape: 'generate', model: string, piece: AnswerPiece, final?: FinalFields): GenerateChunk
export function buildChunk (shape: AnswerShape, model: string, piece: AnswerPiece, final?: FinalFields): OllamaChunk
export function buildChunk (shape: AnswerShape, model: string, piece: AnswerPiece, final?: FinalFields): OllamaChunk {
  return shape === 'chat' ? buildChatChunk(model, piece, final) : buildGenerateChunk(model, piece, final)
}

function buildChatChunk (model: string, piece: AnswerPiece, final?: FinalFields): ChatResponse {
  const createdAt = formatTimestamp()
  const message: ChatResponse['message'] = { role: 'assistant', content: piece.content }
  if (piece.thinking) message.thinking = piece.thinking
  if (piece.toolCalls !== undefined && piece.toolCalls.length > 0) message.tool_calls = piece.toolCalls
  const logprobs = piece.logprobs !== undefined && piece.logprobs.length > 0 ? piece.logprobs : undefined
  if (final === undefined) {
    const chunk: ChatResponse = { model, created_at: createdAt, message, done: false }
    if (logprobs !== undefined) chunk.logprobs = logprobs
    return chunk
  }
  return { model, created_at: createdAt, message, done_reason: final.doneReason, done: true, ...(logprobs === undefined ? {} : { logprobs }), ...final.metrics }
}

/**
 * Keys in Go's order: `thinking` after `response`, `done` before `done_reason`, then (last line only) `context`, the
 * metrics and `tool_calls`; `logprobs` last.
 */
function buildGenerateChunk (model: string, piece: AnswerPiece, final?: FinalFields): GenerateChunk {
  const createdAt = formatTimestamp()
  const thinking = piece.thinking ? { thinking: piece.thinking } : undefined
  const logprobs = piece.logprobs !== undefined && piece.logprobs.length > 0 ? piece.logprobs : undefined
  if (final === undefined) {
    const chunk: GenerateChunk = { model, created_at: createdAt, response: piece.content, ...thinking, done: false }
    if (logprobs !== undefined) chunk.logprobs = logprobs
    return chunk
  }
  const toolCalls = piece.toolCalls !== undefined && piece.toolCalls.length > 0 ? { tool_calls: piece.toolCalls } : undefined
  return {
    model,
    created_at: createdAt,
    response: piece.content,
    ...thinking,
    done: true,
    done_reason: final.doneReason,
    ...(final.context === undefined ? {} : { context: final.context }),
    ...final.metrics,
    ...toolCalls,
    ...(logprobs === undefined ? {} : { logprobs })
  }
}
