/** The timing and token figures of one answer, in the fields Ollama's final chunk carries. */
import type { UpstreamDurations } from './chat-event.js'
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
 * eval = first token to the end. Counts come from the upstream's usage; absent counts are omitted.
 */
export class AnswerMetrics {
  private headersReceivedAt: bigint | undefined
  private firstTokenAt: bigint | undefined
  promptTokens = 0
  completionTokens = 0
  private upstreamDurations: UpstreamDurations | undefined

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
    if (this.promptTokens > 0) {
      metrics.prompt_eval_count = this.promptTokens
      metrics.prompt_eval_duration = elapsedNs(headersAt, firstTokenAt)
    }
    if (this.completionTokens > 0) {
      metrics.eval_count = this.completionTokens
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
