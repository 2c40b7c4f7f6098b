/** Ollama's answer writer: ChatEvents to NDJSON lines (one per delta, then `done: true` or an error line), or one folded chunk. */
import type { AnswerMetrics } from '../core/answer-metrics.js'
import type { ChatEvent, DoneReason } from '../core/chat-event.js'
import type { AnswerWriter } from '../core/dialect.js'
import { foldChatEvents } from '../core/fold-chat-events.js'
import { UpstreamAnswerError } from '../errors.js'
import type { ResolvedModel } from '../core/provider-registry.js'
import { buildChunk, toOllamaToolCall, type AnswerIdentity, type AnswerShape, type OllamaChunk } from './chunk-builder.js'
import { answerIdentity } from './model-listing.js'

/** One per `/api/chat` or `/api/generate` answer; `model` (the name as the client sent it) and the remote fields head every chunk. */
export class NdjsonAnswerWriter implements AnswerWriter {
  /** Bare, without a charset, as Ollama streams. */
  readonly streamContentType = 'application/x-ndjson'
  readonly jsonContentType = 'application/json; charset=utf-8'

  constructor (readonly shape: AnswerShape, public model: AnswerIdentity) {}

  /** A fallback that answers names its own provider's model and host, as the chunks must say where the answer came from. */
  answeredBy (answered: ResolvedModel): void {
    this.model = answerIdentity(this.model.model, answered)
  }

  /**
   * A generator rather than a Transform: `Readable.from()` pulls a line only when the client's socket
   * wants more, which gives backpressure without a second stream on the hot path. Each line ends in `\n`.
   * An error before the first line throws UpstreamAnswerError; after it, Ollama's `{"error": "..."}` line ends the stream.
   */
  async * stream (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): AsyncGenerator<string> {
    const { shape, model } = this
    let wroteLine = false
    let doneReason: DoneReason = 'stop'
    let toolCallCount = 0
    const line = (chunk: OllamaChunk): string => {
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
          if (!wroteLine) throw new UpstreamAnswerError(event.message)
          // Ollama ends the stream on an error line, without a done chunk.
          yield JSON.stringify({ error: event.message }) + '\n'
          return
      }
    }
    yield JSON.stringify(buildChunk(shape, model, { content: '' }, { doneReason, metrics: metrics.finish() })) + '\n'
  }

  /** The non-streamed answer: one `done: true` chunk folded from the same events, so the two cannot disagree. */
  async fold (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): Promise<OllamaChunk> {
    const answer = await foldChatEvents(events, metrics)
    const piece = { content: answer.content, thinking: answer.thinking, toolCalls: answer.toolCalls.map(toOllamaToolCall) }
    return buildChunk(this.shape, this.model, piece, { doneReason: answer.doneReason, metrics: metrics.finish() })
  }
}
