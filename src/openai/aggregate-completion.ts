/** Folds ChatEvents into one `chat.completion` or `text_completion` object: the non-streamed `/v1` answer. */
import type { ChatEvent } from '../core/chat-event.js'
import { foldChatEvents } from '../core/fold-chat-events.js'
import type { AnswerMetrics } from '../core/answer-metrics.js'
import { finishReason, frameHeader, toOpenAiToolCall, usageOf, type CompletionFrame } from './completion-frame.js'

export async function aggregateCompletion (events: AsyncIterable<ChatEvent>, frame: CompletionFrame, metrics: AnswerMetrics): Promise<Record<string, unknown>> {
  const answer = await foldChatEvents(events, metrics)
  const reason = finishReason(answer.doneReason, answer.toolCalls.length > 0)
  const usage = usageOf(metrics.promptTokens, metrics.completionTokens)
  if (frame.kind === 'text') {
    return { ...frameHeader(frame, 'text_completion'), choices: [{ text: answer.content, index: 0, finish_reason: reason }], usage }
  }
  const message: Record<string, unknown> = { role: 'assistant', content: answer.content }
  if (answer.thinking !== '') message.reasoning = answer.thinking
  if (answer.toolCalls.length > 0) message.tool_calls = answer.toolCalls.map(toOpenAiToolCall)
  return { ...frameHeader(frame, 'chat.completion'), choices: [{ index: 0, message, finish_reason: reason }], usage }
}
