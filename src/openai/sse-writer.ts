/**
 * ChatEvents in, OpenAI server-sent events out: deltas with the role in the first, a separate finish chunk
 * (chat), a usage chunk when asked, then `data: [DONE]`. Pulled by `Readable.from`, so a slow client
 * pauses the upstream read.
 */
import type { ChatEvent, DoneReason } from '../core/chat-event.js'
import type { AnswerMetrics } from '../core/answer-metrics.js'
import { UpstreamError } from '../upstream/upstream-error.js'
import { finishReason, frameHeader, toOpenAiToolCall, usageOf, type CompletionFrame } from './completion-frame.js'
import { openAiErrorBody } from './openai-error.js'

const frameOf = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`

export async function * sseCompletionChunks (events: AsyncIterable<ChatEvent>, frame: CompletionFrame, includeUsage: boolean, metrics: AnswerMetrics): AsyncGenerator<string> {
  const object = frame.kind === 'chat' ? 'chat.completion.chunk' : 'text_completion'
  let wroteChunk = false
  let toolCallCount = 0
  let doneReason: DoneReason = 'stop'
  const delta = (fields: Record<string, unknown>): string => {
    metrics.markToken()
    const first = !wroteChunk
    wroteChunk = true
    if (frame.kind === 'text') return frameOf({ ...frameHeader(frame, object), choices: [{ text: fields.content, index: 0, finish_reason: null }] })
    return frameOf({ ...frameHeader(frame, object), choices: [{ index: 0, delta: { ...(first ? { role: 'assistant' } : {}), ...fields }, finish_reason: null }] })
  }
  for await (const event of events) {
    switch (event.type) {
      case 'text-delta':
        if (event.text !== '') yield delta({ content: event.text })
        break
      case 'thinking-delta':
        // Completions have no reasoning field; chat carries it in Ollama's `reasoning`.
        if (event.text !== '' && frame.kind === 'chat') yield delta({ content: '', reasoning: event.text })
        break
      case 'tool-call':
        if (frame.kind === 'chat') yield delta({ content: '', tool_calls: [toOpenAiToolCall(event.toolCall, toolCallCount++)] })
        break
      case 'usage':
        metrics.setUsage(event.promptTokens, event.completionTokens)
        break
      case 'finish':
        doneReason = event.reason
        break
      case 'error':
        // Nothing sent yet: the error handler can still answer with a real status.
        if (!wroteChunk) throw new UpstreamError(event.message, { statusCode: 502 })
        yield frameOf(openAiErrorBody(500, event.message))
        return
    }
  }
  const reason = finishReason(doneReason, toolCallCount > 0)
  yield frameOf({
    ...frameHeader(frame, object),
    choices: [frame.kind === 'chat' ? { index: 0, delta: {}, finish_reason: reason } : { text: '', index: 0, finish_reason: reason }]
  })
  if (includeUsage) yield frameOf({ ...frameHeader(frame, object), choices: [], usage: usageOf(metrics.promptTokens, metrics.completionTokens) })
  yield 'data: [DONE]\n\n'
}
