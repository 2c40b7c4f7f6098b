/**
 * The contract every client-facing API implements: a dialect is a reader (its request body to a
 * `DialectRequest`) and a writer (ChatEvents to its streamed bytes, or folded into one JSON body).
 * Between the two, src/core/admission.ts resolves the model, checks it and merges its preset; the
 * translation plugin's `answer(request, reply, job, writer)` owns the reply's lifecycle. A reader
 * and a writer are plain functions and objects, testable without Fastify.
 */
import type { AnswerMetrics } from './answer-metrics.js'
import type { ChatEvent } from './chat-event.js'
import type { NormalisedChatRequest } from './chat-request.js'
import type { ResolvedModel } from './provider-registry.js'

/** What a reader makes of one request body, before any model is looked up. */
export interface DialectRequest {
  /** The model name exactly as the client sent it; `undefined` or `''` when it sent none. */
  readonly model: string | undefined
  /**
   * The request as the client sent it, no preset merged yet. `options.ollamaOptions` holds the client's options
   * under Ollama's names (what `readOptions` keeps), so admission can put a preset's options under them.
   */
  readonly chat: NormalisedChatRequest
  /** Whether the client asked for a streamed answer (each dialect has its own default). */
  readonly stream: boolean
}

/**
 * Writes one answer in a client's dialect. Made per request: it holds what the answer echoes
 * (the model name as sent, ids, the client's streaming options).
 */
export interface AnswerWriter {
  /** Content-Type of the streamed answer, e.g. `application/x-ndjson` or `text/event-stream`. */
  readonly streamContentType: string
  /** Headers the streamed answer adds to its Content-Type (SSE: `cache-control: no-cache`). */
  readonly streamHeaders?: Readonly<Record<string, string>>
  /** Content-Type of the one-shot answer. */
  readonly jsonContentType: string
  /**
   * The streamed answer, one piece (line or SSE frame) at a time, pulled as the client reads.
   * An `error` event before any piece was yielded throws `UpstreamAnswerError` (src/errors.ts), so the
   * error handler can still answer with a status; after that it is written in-band and the stream ends.
   */
  stream (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): AsyncGenerator<string>
  /** The whole answer as one JSON value; an `error` event throws `UpstreamAnswerError` (nothing was sent yet). */
  fold (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): Promise<unknown>
  /** Told, before `stream` or `fold`, which model answers: the admitted one or an alias's fallback. Optional. */
  answeredBy? (model: ResolvedModel): void
}
