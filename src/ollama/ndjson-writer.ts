/** Ollama's answer writer: ChatEvents to NDJSON lines (one per delta, then `done: true` or an error line), or one folded chunk. */
import type { AnswerMetrics } from '../core/answer-metrics.js'
import type { ChatEvent, DoneReason, Logprob } from '../core/chat-event.js'
import type { AnswerWriter } from '../core/dialect.js'
import { foldChatEvents } from '../core/fold-chat-events.js'
import { UpstreamAnswerError } from '../errors.js'
import type { ResolvedModel } from '../core/provider-registry.js'
import { buildChunk, toOllamaToolCall, type AnswerIdentity, type AnswerPiece, type AnswerShape, type OllamaChunk } from './chunk-builder.js'
import { encodeContext, type ContextTurn } from './generate-context.js'
import { answerIdentity } from './model-listing.js'

/** A non-raw `/api/generate` answer's conversation: the turns its request's `context` carried, and its prompt. */
export interface GenerateConversation {
  readonly turns: readonly ContextTurn[]
  readonly prompt: string
}

/**
 * One per `/api/chat` or `/api/generate` answer; `model` (the name as the client sent it) and the remote fields head
 * every chunk. With a `conversation` (non-raw generate), the last chunk carries the `context` that continues it.
 */
export class NdjsonAnswerWriter implements AnswerWriter {
  /** Bare, without a charset, as Ollama streams. */
  readonly streamContentType = 'application/x-ndjson'
  readonly jsonContentType = 'application/json; charset=utf-8'

  constructor (readonly shape: AnswerShape, public model: AnswerIdentity, readonly conversation?: GenerateConversation) {}

  /** A fallback that answers names its own provider's model and host, as the chunks must say where the answer came from. */
  answeredBy (answered: ResolvedModel): void {
    this.model = answerIdentity(this.model.model, answered)
  }

  /**
   * A generator rather than a Transform: `writeTextStream` (src/core/text-stream.ts) pulls a line only when the client's socket
   * wants more, which gives backpressure without a second stream on the hot path. Each line ends in `\n`.
   * An error before the first line throws UpstreamAnswerError; after it, Ollama's `{"error": "..."}` line ends the stream.
   */
  async * stream (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): AsyncGenerator<string> {
    const { shape, model } = this
    let wroteLine = false
    let doneReason: DoneReason = 'stop'
    let toolCallCount = 0
    // Log probabilities wait for the piece they describe (a mapper emits them just before it).
    let pending: Logprob[] | undefined
    const answer: string[] | undefined = this.conversation === undefined ? undefined : []
    const line = (piece: AnswerPiece): string => {
      metrics.markToken()
      wroteLine = true
      if (pending !== undefined) {
        piece.logprobs = pending
        pending = undefined
      }
      return JSON.stringify(buildChunk(shape, model, piece)) + '\n'
    }
    for await (const event of events) {
      switch (event.type) {
        case 'text-delta':
          if (event.text === '') break
          answer?.push(event.text)
          yield line({ content: event.text })
          break
        case 'thinking-delta':
          if (event.text !== '') yield line({ content: '', thinking: event.text })
          break
        case 'tool-call':
          yield line({ content: '', toolCalls: [toOllamaToolCall(event.toolCall, toolCallCount++)] })
          break
        case 'logprobs':
          pending = pending === undefined ? event.logprobs : pending.concat(event.logprobs)
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
    const context = answer === undefined ? undefined : this.contextAfter(answer.join(''))
    const last: AnswerPiece = pending === undefined ? { content: '' } : { content: '', logprobs: pending }
    yield JSON.stringify(buildChunk(shape, model, last, { doneReason, metrics: metrics.finish(), context })) + '\n'
  }

  /** The non-streamed answer: one `done: true` chunk folded from the same events, so the two cannot disagree. */
  async fold (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): Promise<OllamaChunk> {
    const answer = await foldChatEvents(events, metrics)
    const piece = { content: answer.content, thinking: answer.thinking, toolCalls: answer.toolCalls.map(toOllamaToolCall), logprobs: [...answer.logprobs] }
    const context = this.conversation === undefined ? undefined : this.contextAfter(answer.content)
    return buildChunk(this.shape, this.model, piece, { doneReason: answer.doneReason, metrics: metrics.finish(), context })
  }

  /** The `context` that continues the conversation with this answer's text. */
  private contextAfter (text: string): number[] | undefined {
    const { conversation } = this
    if (conversation === undefined) return undefined
    return encodeContext([...conversation.turns, { prompt: conversation.prompt, answer: text }])
  }
}
