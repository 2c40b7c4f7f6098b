/** ChatEvents in, Ollama NDJSON bytes out: one line per delta, then the `done: true` chunk or an error line. */
import { Transform, type TransformCallback } from 'node:stream'
import type { ChatEvent, DoneReason } from '../core/chat-event.js'
import { UpstreamError } from '../upstream/upstream-error.js'
import type { AnswerMetrics } from './answer-metrics.js'
import { buildChunk, toOllamaToolCall, type AnswerShape } from './chunk-builder.js'

export class NdjsonEncoder extends Transform {
  private wroteLine = false
  private ended = false
  private doneReason: DoneReason = 'stop'
  private toolCallCount = 0

  constructor (private readonly shape: AnswerShape, private readonly model: string, private readonly metrics: AnswerMetrics) {
    super({ writableObjectMode: true })
  }

  override _transform (event: ChatEvent, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.ended) {
      callback()
      return
    }
    switch (event.type) {
      case 'text-delta':
        if (event.text !== '') this.writeLine(buildChunk(this.shape, this.model, { content: event.text }))
        break
      case 'thinking-delta':
        if (event.text !== '') this.writeLine(buildChunk(this.shape, this.model, { content: '', thinking: event.text }))
        break
      case 'tool-call':
        this.writeLine(buildChunk(this.shape, this.model, { content: '', toolCalls: [toOllamaToolCall(event.toolCall, this.toolCallCount++)] }))
        break
      case 'usage':
        this.metrics.setUsage(event.promptTokens, event.completionTokens, event.durations)
        break
      case 'finish':
        this.doneReason = event.reason
        break
      case 'error':
        if (!this.wroteLine) {
          // Nothing sent yet: the error handler can still answer with a real status.
          callback(new UpstreamError(event.message, { statusCode: 502 }))
          return
        }
        this.ended = true
        this.push(JSON.stringify({ error: event.message }) + '\n')
        // Ollama ends the stream on an error line, without a done chunk.
        this.push(null)
        break
    }
    callback()
  }

  override _flush (callback: TransformCallback): void {
    if (!this.ended) {
      this.ended = true
      this.push(JSON.stringify(buildChunk(this.shape, this.model, { content: '' }, { doneReason: this.doneReason, metrics: this.metrics.finish() })) + '\n')
    }
    callback()
  }

  private writeLine (chunk: Record<string, unknown>): void {
    this.metrics.markToken()
    this.wroteLine = true
    this.push(JSON.stringify(chunk) + '\n')
  }
}
