/** The timing and token figures of one answer, in the fields Ollama's final chunk carries. */
import type { UpstreamDurations } from './chat-event.js'
import type { NormalisedChatRequest } from './chat-request.js'
import { roughInputTokens } from './estimate-tokens.js'
import { elapsedNs, nowNs } from './ollama-time.js'

export interface OllamaMetrics {
  total_duration?: number
  load_duration?: number
  prompt_eval_count?: number
  prompt_eval_duration?: number
  eval_count?: number
  eval_duration?: number
}

/**
 * load = until the upstream answered with headers, prompt eval = from there to the first token,
 * eval = first token to the end. Counts come from the upstream's usage. Ollama's final chunk always counts, so an
 * upstream that reports none gets estimates: the prompt at four characters a token (`roughInputTokens`, when the
 * request was given with `estimateFrom`), the answer as the number of pieces written (one token a streamed piece).
 */
export class AnswerMetrics {
  private headersReceivedAt: bigint | undefined
  private firstTokenAt: bigint | undefined
  promptTokens = 0
  completionTokens = 0
  private upstreamDurations: UpstreamDurations | undefined
  /** Pieces written (text, thinking, tool calls): the answer's token estimate when the upstream counts none. */
  private pieces = 0
  private request: Pick<NormalisedChatRequest, 'messages' | 'tools'> | undefined

  constructor (readonly startedAt: bigint = nowNs()) {}

  /** Monotonic nanoseconds when the upstream answered with headers, or undefined before (plugins/metrics.ts reads it). */
  get headersAt (): bigint | undefined {
    return this.headersReceivedAt
  }

  markHeaders (): void {
    this.headersReceivedAt ??= nowNs()
  }

  markToken (): void {
    this.firstTokenAt ??= nowNs()
    this.pieces++
  }

  /** The request whose prompt is estimated if the upstream reports no usage; read only then, in `finish`. */
  estimateFrom (request: Pick<NormalisedChatRequest, 'messages' | 'tools'>): void {
    this.request = request
  }

  setUsage (promptTokens: number, completionTokens: number, durations?: UpstreamDurations): void {
    this.promptTokens = promptTokens
    this.completionTokens = completionTokens
    if (durations !== undefined) this.upstreamDurations = durations
  }

  finish (): OllamaMetrics {
    const endedAt = nowNs()
    const headersAt = this.headersAt ?? endedAt
    const firstTokenAt = this.firstTokenAt ?? endedAt
    const metrics: OllamaMetrics = {
      total_duration: elapsedNs(this.startedAt, endedAt),
      load_duration: elapsedNs(this.startedAt, headersAt)
    }
    const promptTokens = this.promptTokens > 0 || this.request === undefined ? this.promptTokens : roughInputTokens(this.request)
    const completionTokens = this.completionTokens > 0 ? this.completionTokens : this.pieces
    if (promptTokens > 0) {
      metrics.prompt_eval_count = promptTokens
      metrics.prompt_eval_duration = elapsedNs(headersAt, firstTokenAt)
    }
    if (completionTokens > 0) {
      metrics.eval_count = completionTokens
      metrics.eval_duration = elapsedNs(firstTokenAt, endedAt)
    }
    // A real Ollama upstream measured its own load and eval times: those are the truer figures.
    const upstream = this.upstreamDurations
    if (upstream?.loadNs !== undefined && upstream.loadNs > 0) metrics.load_duration = upstream.loadNs
    if (upstream?.promptEvalNs !== undefined && upstream.promptEvalNs > 0 && metrics.prompt_eval_count !== undefined) metrics.prompt_eval_duration = upstream.promptEvalNs
    if (upstream?.evalNs !== undefined && upstream.evalNs > 0 && metrics.eval_count !== undefined) metrics.eval_duration = upstream.evalNs
    return metrics
  }
}
