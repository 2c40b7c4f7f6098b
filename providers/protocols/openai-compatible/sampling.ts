/** Ollama's sampling options onto an OpenAI-style body, sending only what the provider and model accept. */
import type { SamplingOptions } from '../../../src/core/chat-request.js'
import type { OpenAiCompatibleContext } from './quirks.js'
import type { OpenAiSamplingFields } from './wire-types.js'

/** OpenAI's own limit on `stop`, which most OpenAI-style APIs share. */
const DEFAULT_MAX_STOP_SEQUENCES = 4

/** The stop strings sent: the first `quirks.maxStopSequences` (default 4) non-empty ones. */
export function openAiStops (stops: readonly string[], context: OpenAiCompatibleContext): readonly string[] {
  return stops.filter((stop) => stop !== '').slice(0, context.descriptor.quirks.maxStopSequences ?? DEFAULT_MAX_STOP_SEQUENCES)
}

/** `endpoint` 'completion' is the legacy completions API, which only knows `max_tokens`. */
export function applySampling (body: OpenAiSamplingFields, options: SamplingOptions, context: OpenAiCompatibleContext, endpoint: 'chat' | 'completion'): void {
  const { quirks } = context.descriptor
  const { card } = context
  // Reasoning models answer 400 to these (OpenAI o-series, gpt-5): dropped rather than failing the request.
  if (card.rejectsSampling !== true) {
    if (options.temperature !== undefined) body.temperature = options.temperature
    if (options.topP !== undefined) body.top_p = options.topP
    if (options.presencePenalty !== undefined) body.presence_penalty = options.presencePenalty
    if (options.frequencyPenalty !== undefined) body.frequency_penalty = options.frequencyPenalty
    const extras = new Set(quirks.extraSampling ?? [])
    if (extras.has('top_k') && options.topK !== undefined) body.top_k = options.topK
    if (extras.has('min_p') && options.minP !== undefined) body.min_p = options.minP
    if (extras.has('repetition_penalty') && options.repeatPenalty !== undefined) body.repetition_penalty = options.repeatPenalty
  }
  if (options.maxTokens !== undefined && options.maxTokens > 0) {
    const field = endpoint === 'completion' ? 'max_tokens' : card.maxTokensField ?? quirks.maxTokensField ?? 'max_tokens'
    body[field] = options.maxTokens
  }
  const stop = openAiStops(options.stop ?? [], context)
  if (stop.length > 0) body.stop = [...stop]
  if (options.seed !== undefined) body.seed = options.seed
}
