/**
 * The Anthropic dialect's writer: ChatEvents as Anthropic's SSE (`event:` + `data:` frames) or folded into one
 * `message` object, as Ollama's `anthropic.StreamConverter` / `ToMessagesResponse` answer, with what the real
 * API adds that clients read (`stop_sequence: null`, thinking signatures, `ping`, `event: error`).
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming (checked 2026-11)
 */
import type { AnswerMetrics } from '../core/answer-metrics.js'
import type { ChatEvent, DoneReason } from '../core/chat-event.js'
import type { AnswerWriter } from '../core/dialect.js'
import { UpstreamAnswerError } from '../errors.js'
import { anthropicErrorBody } from './anthropic-error.js'
import { newAnthropicId } from './anthropic-ids.js'
import { IDLE, withIdleTicks } from './idle-ticks.js'
import { applyBlockSteps, MessageBlocks, type AnthropicBlock, type BlockStep } from './message-blocks.js'

/** How long the stream may stay silent before a `ping` frame keeps proxies and clients from timing out. */
export const PING_INTERVAL_MS = 15_000

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'tool_use'

/** Ollama's mapping: a tool call wins, then `length` is `max_tokens`, else `end_turn`. */
export function stopReasonOf (reason: DoneReason, toolCalls: number): AnthropicStopReason {
  if (toolCalls > 0) return 'tool_use'
  return reason === 'length' ? 'max_tokens' : 'end_turn'
}

const frame = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

function stepFrame (step: BlockStep): string {
  switch (step.kind) {
    case 'start': return frame('content_block_start', { type: 'content_block_start', index: step.index, content_block: step.block })
    case 'delta': return frame('content_block_delta', { type: 'content_block_delta', index: step.index, delta: step.delta })
    case 'stop': return frame('content_block_stop', { type: 'content_block_stop', index: step.index })
  }
}

export interface AnthropicWriterOptions {
  /** The model name exactly as the client sent it. */
  readonly model: string
  /** Input tokens reported in `message_start`, before the upstream's count is known (tokens). */
  readonly estimatedInputTokens: number
  /** Silence (milliseconds) after which a `ping` is sent; PING_INTERVAL_MS by default. */
  readonly pingIntervalMs?: number
}

export class AnthropicMessageWriter implements AnswerWriter {
  readonly streamContentType = 'text/event-stream'
  readonly streamHeaders = { 'cache-control': 'no-cache' }
  readonly jsonContentType = 'application/json'
  /** `msg_` and 24 hex digits, one per answer. */
  readonly id = newAnthropicId('msg')

  constructor (private readonly options: AnthropicWriterOptions) {}

  /**
   * `message_start` (with a `ping`) goes out with the first content, so an error before any content is thrown
   * as an UpstreamAnswerError (502) and still gets a status; after it, an error is an `event: error` frame and the
   * stream ends there, as the real API does.
   */
  async * stream (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): AsyncGenerator<string> {
    const blocks = new MessageBlocks()
    let started = false
    let doneReason: DoneReason = 'stop'
    const opening = (): string => {
      started = true
      return frame('message_start', { type: 'message_start', message: this.message([], null, { input_tokens: this.options.estimatedInputTokens, output_tokens: 0 }) }) + frame('ping', { type: 'ping' })
    }
    for await (const event of withIdleTicks(events, this.options.pingIntervalMs ?? PING_INTERVAL_MS)) {
      if (event === IDLE) {
        // A silent upstream (a model thinking without streaming it): the answer starts so the client sees life.
        yield started ? frame('ping', { type: 'ping' }) : opening()
        continue
      }
      switch (event.type) {
        case 'usage':
          metrics.setUsage(event.promptTokens, event.completionTokens, event.durations)
          break
        case 'finish':
          doneReason = event.reason
          break
        // The Messages reader never asks for log probabilities.
        case 'logprobs':
          break
        case 'error':
          if (!started) throw new UpstreamAnswerError(event.message)
          yield frame('error', anthropicErrorBody(500, event.message))
          return
        default: {
          const steps = blocks.apply(event)
          if (steps.length === 0) break
          metrics.markToken()
          yield (started ? '' : opening()) + steps.map(stepFrame).join('')
        }
      }
    }
    const closing = blocks.close().map(stepFrame).join('')
    const delta = {
      type: 'message_delta',
      delta: { stop_reason: stopReasonOf(doneReason, blocks.toolCalls), stop_sequence: null },
      usage: this.usage(metrics)
    }
    yield (started ? '' : opening()) + closing + frame('message_delta', delta) + frame('message_stop', { type: 'message_stop' })
  }

  /** The whole answer as one `message`; an `error` event throws an UpstreamAnswerError (502), since nothing was sent yet. */
  async fold (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): Promise<Record<string, unknown>> {
    const blocks = new MessageBlocks()
    const content: AnthropicBlock[] = []
    let doneReason: DoneReason = 'stop'
    for await (const event of events) {
      switch (event.type) {
        case 'usage':
          metrics.setUsage(event.promptTokens, event.completionTokens, event.durations)
          break
        case 'finish':
          doneReason = event.reason
          break
        case 'logprobs':
          break
        case 'error':
          throw new UpstreamAnswerError(event.message)
        default: {
          const steps = blocks.apply(event)
          if (steps.length > 0) metrics.markToken()
          applyBlockSteps(content, steps)
        }
      }
    }
    return this.message(content, stopReasonOf(doneReason, blocks.toolCalls), this.usage(metrics))
  }

  private message (content: AnthropicBlock[], stopReason: AnthropicStopReason | null, usage: { input_tokens: number, output_tokens: number }) {
    return { id: this.id, type: 'message', role: 'assistant', model: this.options.model, content, stop_reason: stopReason, stop_sequence: null, usage }
  }

  /** The upstream's counts; the estimate stands in for an upstream that reported no input count. */
  private usage (metrics: AnswerMetrics): { input_tokens: number, output_tokens: number } {
    return { input_tokens: metrics.promptTokens > 0 ? metrics.promptTokens : this.options.estimatedInputTokens, output_tokens: metrics.completionTokens }
  }
}
