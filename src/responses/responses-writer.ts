/**
 * The Responses dialect's writer: ChatEvents as OpenAI Responses server-sent events (`event:` line
 * naming the type, `data:` with `type` and a `sequence_number` rising from 0), or folded into one
 * `response` object. Both run the same OutputAssembler, so the streamed final response and the
 * one-shot answer are the same object.
 *
 * Stream: response.created, response.in_progress, the items' events, then response.completed, or
 * response.incomplete (cut by max_output_tokens) or response.failed (an upstream error mid-answer,
 * which Codex reads as a retryable failure). Nothing is written before the first upstream event, so an
 * upstream error before any output throws UpstreamAnswerError and still answers with an HTTP status.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import type { AnswerMetrics } from '../core/answer-metrics.js'
import type { ChatEvent, DoneReason } from '../core/chat-event.js'
import type { AnswerWriter } from '../core/dialect.js'
import { UpstreamAnswerError } from '../errors.js'
import { OutputAssembler, type StreamEvent } from './output-assembler.js'
import { responseObject, responseUsage, type ResponseFrame } from './response-object.js'

const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'cache-control': 'no-cache' })

/** One per `/v1/responses` answer. */
export class ResponsesWriter implements AnswerWriter {
  readonly streamContentType = 'text/event-stream; charset=utf-8'
  readonly streamHeaders = SSE_HEADERS
  readonly jsonContentType = 'application/json; charset=utf-8'

  constructor (private readonly frame: ResponseFrame) {}

  async * stream (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): AsyncGenerator<string> {
    const assembler = new OutputAssembler()
    let sequenceNumber = 0
    const sse = (event: StreamEvent): string => `event: ${event.type}\ndata: ${JSON.stringify({ ...event, sequence_number: sequenceNumber++ })}\n\n`
    const opening = (): string => {
      const response = responseObject(this.frame, { status: 'in_progress', output: [] })
      return sse({ type: 'response.created', response }) + sse({ type: 'response.in_progress', response })
    }
    let started = false
    let doneReason: DoneReason = 'stop'
    for await (const event of events) {
      if (event.type === 'usage') {
        metrics.setUsage(event.promptTokens, event.completionTokens, event.durations)
        continue
      }
      if (event.type === 'finish') {
        doneReason = event.reason
        continue
      }
      // The Responses reader never asks for log probabilities.
      if (event.type === 'logprobs') continue
      if (event.type === 'error') {
        if (!started) throw new UpstreamAnswerError(event.message)
        yield sse({ type: 'response.failed', response: responseObject(this.frame, { status: 'failed', output: assembler.output, error: { code: 'server_error', message: event.message } }) })
        return
      }
      const pieces = apply(assembler, event, metrics)
      if (!started) {
        started = true
        yield opening() + pieces.map(sse).join('')
      } else if (pieces.length > 0) {
        yield pieces.map(sse).join('')
      }
    }
    const closing = assembler.finish(doneReason).map(sse).join('')
    const type = doneReason === 'length' ? 'response.incomplete' : 'response.completed'
    yield (started ? '' : opening()) + closing + sse({ type, response: this.final(assembler, doneReason, metrics) })
  }

  async fold (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): Promise<Record<string, unknown>> {
    const assembler = new OutputAssembler()
    let doneReason: DoneReason = 'stop'
    for await (const event of events) {
      if (event.type === 'usage') metrics.setUsage(event.promptTokens, event.completionTokens, event.durations)
      else if (event.type === 'finish') doneReason = event.reason
      else if (event.type === 'error') throw new UpstreamAnswerError(event.message)
      else if (event.type !== 'logprobs') apply(assembler, event, metrics)
    }
    assembler.finish(doneReason)
    return this.final(assembler, doneReason, metrics)
  }

  /** The finished answer: `incomplete` (max_output_tokens) when the upstream stopped at its token limit. */
  private final (assembler: OutputAssembler, doneReason: DoneReason, metrics: AnswerMetrics): Record<string, unknown> {
    const usage = responseUsage(metrics.promptTokens, metrics.completionTokens)
    if (doneReason === 'length') return responseObject(this.frame, { status: 'incomplete', output: assembler.output, usage, incompleteReason: 'max_output_tokens' })
    return responseObject(this.frame, { status: 'completed', output: assembler.output, usage })
  }
}

/** The events one piece of output makes; every piece marks the first-token time. */
function apply (assembler: OutputAssembler, event: Exclude<ChatEvent, { type: 'usage' | 'finish' | 'error' | 'logprobs' }>, metrics: AnswerMetrics): StreamEvent[] {
  metrics.markToken()
  switch (event.type) {
    case 'text-delta': return assembler.text(event.text)
    case 'thinking-delta': return assembler.thinking(event.text)
    case 'thinking-signature': return assembler.signature(event.signature, event.redacted === true)
    case 'tool-call': return assembler.toolCall(event.toolCall)
  }
}
