/**
 * Models a provider lists itself (its live model list), and the card a model gets when no built-in card
 * names it: per field, the user's configuration, then a built-in card, then what the provider's list says,
 * then what the name suggests, then the provider's defaults.
 */
import type { Capability, ModelCard, ModelListing, ProviderDescriptor } from './capabilities.js'

/** One entry of a provider's own model list, with whatever the list says about it (every field but `id` optional). */
export interface ListedModel {
  /** The upstream model id, as the list spells it. */
  readonly id: string
  /** The full capability set, only when the list says enough to know it (Gemini's methods, OpenRouter's parameters). */
  readonly capabilities?: readonly Capability[]
  /** Context window in tokens. */
  readonly contextLength?: number
  /** Most tokens one answer may hold. */
  readonly maxOutputTokens?: number
  readonly family?: string
  readonly embeddingLength?: number
  /** A real Ollama upstream's listing (size, digest, date). */
  readonly listing?: ModelListing
  /** When the provider made the model available, RFC 3339 (OpenAI's `created`, Anthropic's `created_at`). */
  readonly createdAt?: string
}

/** A function a protocol's `listModels` calls: GETs `path` (appended to the provider's base URL) with the provider's auth, resolves with the JSON body; throws on any failure. */
export type ListGet = (path: string) => Promise<unknown>

/** Most inputs per embedding request when neither the card nor the provider says. */
export const DEFAULT_EMBEDDING_BATCH_SIZE = 10

const EMBEDDING_NAME = /embed|bge|(^|[/_-])e5-/i
const VISION_NAME = /(^|[^a-z])vl([^a-z]|$)|vision|-v-|omni|4o/i
const THINKING_NAME = /reasoner|(^|[^a-z0-9])r1([^0-9]|$)|thinking|qwq|-think/i

/**
 * Capabilities a model id suggests, over the provider's defaults: an embedding name (`embed`, `bge`, `e5-`) is
 * embedding only; `vl`, `vision`, `-v-`, `omni`, `4o` add vision; `reasoner`, `r1`, `thinking`, `qwq`, `-think` add thinking.
 */
export function capabilitiesFromName (id: string, defaults: readonly Capability[]): readonly Capability[] {
  if (EMBEDDING_NAME.test(id)) return ['embedding']
  const found = new Set<Capability>(defaults.filter((capability) => capability !== 'embedding'))
  found.add('completion')
  if (VISION_NAME.test(id)) found.add('vision')
  if (THINKING_NAME.test(id)) found.add('thinking')
  return ORDER.filter((capability) => found.has(capability))
}

const ORDER: readonly Capability[] = ['completion', 'tools', 'thinking', 'vision', 'embedding', 'insert']

/** The card of an id no built-in card names: the list's word where it has one, else the name's, else the provider's defaults. */
export function inferredCard (descriptor: ProviderDescriptor, id: string, listed?: ListedModel): ModelCard {
  const capabilities = listed?.capabilities ?? capabilitiesFromName(id, descriptor.defaultCapabilities)
  const embedding = capabilities.includes('embedding')
  const batchSize = descriptor.defaultEmbeddingBatchSize
  return {
    id: listed?.id ?? id,
    capabilities,
    contextLength: listed?.contextLength ?? descriptor.defaultContextLength,
    family: listed?.family ?? descriptor.id,
    inferred: true,
    ...(listed?.maxOutputTokens === undefined ? {} : { maxOutputTokens: listed.maxOutputTokens }),
    ...(listed?.embeddingLength === undefined ? {} : { embeddingLength: listed.embeddingLength }),
    ...(listed?.listing === undefined ? {} : { listing: listed.listing }),
    ...(listed?.createdAt === undefined ? {} : { createdAt: listed.createdAt }),
    ...(embedding && batchSize !== undefined ? { embeddingBatchSize: batchSize } : {})
  }
}

/**
 * A provider's models with its live list merged in: each configured card stays as it is (its date taken from the
 * list), unless it was only inferred from its name, when the list's entry says better; listed ids no card names
 * follow, with cards inferred from the list. Ids compare case-insensitively.
 */
export function mergeListed (descriptor: ProviderDescriptor, configured: readonly ModelCard[], listed: readonly ListedModel[]): ModelCard[] {
  const byId = new Map<string, ListedModel>()
  for (const model of listed) if (!byId.has(model.id.toLowerCase())) byId.set(model.id.toLowerCase(), model)
  const merged: ModelCard[] = []
  const seen = new Set<string>()
  for (const card of configured) {
    const key = card.id.toLowerCase()
    seen.add(key)
    const entry = byId.get(key)
    if (entry === undefined) merged.push(card)
    else if (card.inferred === true) merged.push({ ...inferredCard(descriptor, card.id, { ...entry, id: card.id }) })
    else merged.push(entry.createdAt === undefined || card.createdAt !== undefined ? card : { ...card, createdAt: entry.createdAt })
  }
  for (const [key, entry] of byId) {
    if (!seen.has(key)) merged.push(inferredCard(descriptor, entry.id, entry))
  }
  return merged
}

/** Seconds since the Unix epoch (OpenAI's `created`) as RFC 3339, or undefined when not a plausible date. */
export function unixSecondsToDate (seconds: unknown): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined
  return new Date(seconds * 1000).toISOString()
}

/** A positive integer from a list entry's field, or undefined. */
export function positiveInteger (value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined
}
