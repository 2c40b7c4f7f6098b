/** Folds ChatEvents into one `chat.completion` or `text_completion` object: the non-streamed `/v1` answer. */
import type { ChatEvent, DoneReason } from '../core/chat-event.js'
import type { AnswerMetrics } from '../ollama/answer-metrics.js'
import { UpstreamError } from '../upstream/upstream-error.js'
import { finishReason, frameHeader, toOpenAiToolCall, usageOf, type CompletionFrame, type OpenAiToolCall } from './completion-frame.js'

export async function aggregateCompletion (events: AsyncIterable<ChatEvent>, frame: CompletionFrame, metrics: AnswerMetrics): Promise<Record<string, unknown>> {
  const content: string[] = []
  const reasoning: string[] = []
  const toolCalls: OpenAiToolCall[] = []
  let doneReason: DoneReason = 'stop'
  for await (const event of events) {
    switch (event.type) {
      case 'text-delta':
        metrics.markToken()
        content.push(event.text)
        break
      case 'thinking-delta':
        metrics.markToken()
        reasoning.push(event.text)
        break
      case 'tool-call':
        metrics.markToken()
        toolCalls.push(toOpenAiToolCall(event.toolCall, toolCalls.length))
        break
      case 'usage':
        metrics.setUsage(event.promptTokens, event.completionTokens)
        break
      case 'finish':
        doneReason = event.reason
        break
      case 'error':
        throw new UpstreamError(event.message, { statusCode: 502 })
    }
  }
  const reason = finishReason(doneReason, toolCalls.length > 0)
  const usage = usageOf(metrics.promptTokens, metrics.completionTokens)
  if (frame.kind === 'text') {
    return { ...frameHeader(frame, 'text_completion'), choices: [{ text: content.join(''), index: 0, finish_reason: reason }], usage }
  }
  const message: Record<string, unknown> = { role: 'assistant', content: content.join('') }
  if (reasoning.length > 0) message.reasoning = reasoning.join('')
  if (toolCalls.length > 0) message.tool_calls = toolCalls
  return { ...frameHeader(frame, 'chat.completion'), choices: [{ index: 0, message, finish_reason: reason }], usage }
}
