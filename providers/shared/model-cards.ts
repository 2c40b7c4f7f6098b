/** Shorthands for the capability sets and cards the provider catalogues repeat. */
import type { Capability, ModelCard } from '../../src/core/capabilities.js'

export const TEXT: readonly Capability[] = ['completion', 'tools']
export const THINKING: readonly Capability[] = ['completion', 'tools', 'thinking']
export const VISION: readonly Capability[] = ['completion', 'tools', 'vision']
export const VISION_THINKING: readonly Capability[] = ['completion', 'tools', 'vision', 'thinking']
/** Coder models the provider also serves fill-in-the-middle for (Ollama's `suffix`). */
export const CODER_INSERT: readonly Capability[] = ['completion', 'tools', 'insert']

/** A chat model's card; `contextLength` in tokens. */
export function chatModel (id: string, family: string, capabilities: readonly Capability[], contextLength: number): ModelCard {
  return { id, family, capabilities, contextLength }
}

/** What a provider documents about one embedding model. */
export interface EmbeddingLimits {
  /** Most inputs one upstream call may carry. */
  readonly batchSize: number
  /** Tokens per input. */
  readonly contextLength: number
  /** Vector length, when fixed. */
  readonly length?: number
}

/** An embedding model's card (capability `embedding` only) with its batch limit and vector length. */
export function embeddingModel (id: string, family: string, limits: EmbeddingLimits): ModelCard {
  return {
    id,
    family,
    capabilities: ['embedding'],
    contextLength: limits.contextLength,
    embeddingBatchSize: limits.batchSize,
    ...(limits.length === undefined ? {} : { embeddingLength: limits.length })
  }
}
