/** ChatEvents in, Ollama NDJSON lines out: one line per delta, then the `done: true` chunk or an error line. */
import type { ChatEvent, DoneReason } from '../core/chat-event.js'
import { UpstreamError } from '../upstream/upstream-error.js'
import type { AnswerMetrics } from '../core/answer-metrics.js'
import { buildChunk, toOllamaToolCall, type AnswerShape } from './chunk-builder.js'

/**
 * A generator rather than a Transform: `Readable.from()` pulls a line only when the client's socket
 * wants more, which gives backpressure without a second stream on the hot path.
 * An error before the first line is thrown, so the error handler can still answer with a real status.
 */
export async function * ndjsonLines (events: AsyncIterable<ChatEvent>, shape: AnswerShape, model: string, metrics: AnswerMetrics): AsyncGenerator<string> {
  let wroteLine = false
  let doneReason: DoneReason = 'stop'
  let toolCallCount = 0
  const line = (chunk: Record<string, unknown>): string => {
    metrics.markToken()
    wroteLine = true
    return JSON.stringify(chunk) + '\n'
  }
  for await (const event of events) {
    switch (event.type) {
      case 'text-delta':
        if (event.text !== '') yield line(buildChunk(shape, model, { content: event.text }))
        break
      case 'thinking-delta':
        if (event.text !== '') yield line(buildChunk(shape, model, { content: '', thinking: event.text }))
        break
      case 'tool-call':
        yield line(buildChunk(shape, model, { content: '', toolCalls: [toOllamaToolCall(event.toolCall, toolCallCount++)] }))
        break
      case 'usage':
        metrics.setUsage(event.promptTokens, event.completionTokens, event.durations)
        break
      case 'finish':
        doneReason = event.reason
        break
      case 'error':
        if (!wroteLine) throw new UpstreamError(event.message, { statusCode: 502 })
        // Ollama ends the stream on an error line, without a done chunk.
        yield JSON.stringify({ error: event.message }) + '\n'
        return
    }
  }
  yield JSON.stringify(buildChunk(shape, model, { content: '' }, { doneReason, metrics: metrics.finish() })) + '\n'
}
