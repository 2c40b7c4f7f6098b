/** One non-streamed Ollama answer from the same events a stream writes, so the two cannot disagree. */
import type { ChatEvent } from '../core/chat-event.js'
import { foldChatEvents } from '../core/fold-chat-events.js'
import type { AnswerMetrics } from '../core/answer-metrics.js'
import { buildChunk, toOllamaToolCall, type AnswerShape } from './chunk-builder.js'

export async function aggregateAnswer (events: AsyncIterable<ChatEvent>, shape: AnswerShape, model: string, metrics: AnswerMetrics): Promise<Record<string, unknown>> {
  const answer = await foldChatEvents(events, metrics)
  const toolCalls = answer.toolCalls.map(toOllamaToolCall)
  return buildChunk(shape, model, { content: answer.content, thinking: answer.thinking, toolCalls }, { doneReason: answer.doneReason, metrics: metrics.finish() })
}
