/** Folds ChatEvents into one non-streamed Ollama answer, so streamed and non-streamed answers cannot disagree. */
import type { ChatEvent, DoneReason } from '../core/chat-event.js'
import { UpstreamError } from '../upstream/upstream-error.js'
import type { AnswerMetrics } from './answer-metrics.js'
import { buildChunk, toOllamaToolCall, type AnswerShape, type OllamaToolCall } from './chunk-builder.js'

export async function aggregateAnswer (events: AsyncIterable<ChatEvent>, shape: AnswerShape, model: string, metrics: AnswerMetrics): Promise<Record<string, unknown>> {
  const content: string[] = []
  const thinking: string[] = []
  const toolCalls: OllamaToolCall[] = []
  let doneReason: DoneReason = 'stop'
  for await (const event of events) {
    switch (event.type) {
      case 'text-delta':
        metrics.markToken()
        content.push(event.text)
        break
      case 'thinking-delta':
        metrics.markToken()
        thinking.push(event.text)
        break
      case 'tool-call':
        metrics.markToken()
        toolCalls.push(toOllamaToolCall(event.toolCall, toolCalls.length))
        break
      case 'usage':
        metrics.setUsage(event.promptTokens, event.completionTokens, event.durations)
        break
      case 'finish':
        doneReason = event.reason
        break
      case 'error':
        throw new UpstreamError(event.message, { statusCode: 502 })
    }
  }
  return buildChunk(shape, model, { content: content.join(''), thinking: thinking.join(''), toolCalls }, { doneReason, metrics: metrics.finish() })
}
