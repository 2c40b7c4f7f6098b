/** Active providers and the model names they answer to; routes resolve every model through it. */
import type { ModelCard, ProviderDescriptor } from './capabilities.js'
import { inferredCard, mergeListed, type ListedModel } from './listed-model.js'
import type { ModelAlias, ModelPreset } from './model-alias.js'
import { canonicalModelName, parseModelName, stripLatestTag } from './model-name.js'
import type { Protocol } from './protocol.js'
import type { Secret } from './secret.js'

export interface ActiveProvider {
  readonly descriptor: ProviderDescriptor
  readonly protocol: Protocol
  readonly apiKey: Secret
  /** Without a trailing slash. */
  readonly baseUrl: string
  readonly models: readonly ModelCard[]
  /** Lists and resolves its models by their bare names too (a real Ollama upstream, when configured so). */
  readonly unprefixed?: boolean
}

export interface ResolvedModel {
  readonly provider: ActiveProvider
  readonly card: ModelCard
  /** Canonical form as `/api/tags` lists it: `provider/model:latest`, or the alias name with its tag. */
  readonly name: string
  /** System prompt and default options of the alias the name went through, if any. */
  readonly preset?: ModelPreset
  /** The alias the name went through, if any. */
  readonly alias?: ModelAlias
}

/** Aliases may point at aliases; this bounds a cycle a config file could create. */
const MAX_ALIAS_DEPTH = 8

export interface RegistryOptions {
  /** Prefixes clients write for a provider id, lower-case (`datascope` → `dashscope`, LiteLLM's `together_ai` → `together`). */
  readonly prefixSynonyms?: Readonly<Record<string, string>>
  /** Every provider defined in code, active or not, so a name for an unconfigured one can say which variable to set. */
  readonly knownProviders?: readonly ProviderDescriptor[]
}

/** One active provider's servable models: its configured cards with its live list merged in, by lower-case id. */
interface ProviderModels {
  readonly cards: readonly ModelCard[]
  readonly byId: ReadonlyMap<string, ModelCard>
  /** Lower-case ids the provider's own list holds. */
  readonly listed: ReadonlySet<string>
}

/**
 * Name resolution, in this order (stable, documented in the README):
 * 1. aliases and user-defined models;
 * 2. `provider/id` (or a prefix that means a provider, see `prefixSynonyms`): that provider, with `id` exactly as
 *    written (a trailing `:latest` dropped); the provider decides whether the model exists;
 * 3. a bare name: the first active provider (index order) whose name pattern claims it and that has it as a card
 *    or in its list; else the first whose live list (or unprefixed Ollama upstream) has it; else the first active
 *    provider whose pattern claims it, passed through. A name with an unknown prefix (`Qwen/Qwen2.5-7B-Instruct`)
 *    is looked up in the lists as a whole.
 */
export class ProviderRegistry {
  private readonly providers = new Map<string, ActiveProvider>()
  private readonly aliases = new Map<string, ModelAlias>()
  private readonly models = new Map<string, ProviderModels>()
  /** Names a client pulled, listed as they were written: key → name. */
  private readonly pulled = new Map<string, string>()
  private readonly prefixSynonyms: Readonly<Record<string, string>>
  private readonly knownProviders: readonly ProviderDescriptor[]
  private listing: ResolvedModel[] | undefined
  private changes = 0

  constructor (options: RegistryOptions = {}) {
    this.prefixSynonyms = options.prefixSynonyms ?? {}
    this.knownProviders = options.knownProviders ?? []
  }

  /** Goes up whenever the set of listed models may have changed (a provider, an alias, a pulled name, a refreshed list). */
  get version (): number {
    return this.changes
  }

  register (provider: ActiveProvider): void {
    if (this.providers.has(provider.descriptor.id)) throw new Error(`provider ${provider.descriptor.id} registered twice`)
    this.providers.set(provider.descriptor.id, provider)
    this.models.set(provider.descriptor.id, indexModels(provider.models, new Set()))
    this.changed()
  }

  get (providerId: string): ActiveProvider | undefined {
    return this.providers.get(providerId)
  }

  /** The active providers, in registration (index) order. */
  active (): ActiveProvider[] {
    return [...this.providers.values()]
  }

  /** A provider's servable models: its cards and what its live list added. */
  modelsOf (providerId: string): readonly ModelCard[] {
    return this.models.get(providerId)?.cards ?? []
  }

  /** Replaces a provider's live list (src/core/listed-model.ts `mergeListed` says how it meets the cards). */
  setListed (providerId: string, listed: readonly ListedModel[]): void {
    const provider = this.providers.get(providerId)
    if (provider === undefined) return
    const cards = mergeListed(provider.descriptor, provider.models, listed)
    this.models.set(providerId, indexModels(cards, new Set(listed.map((model) => model.id.toLowerCase()))))
    this.changed()
  }

  /** Adds or replaces an alias; its target is resolved at request time, so it may name a provider activated later. */
  addAlias (alias: ModelAlias): void {
    this.aliases.set(aliasKey(alias.name), alias)
    this.changed()
  }

  removeAlias (name: string): boolean {
    const removed = this.aliases.delete(aliasKey(name))
    if (removed) this.changed()
    return removed
  }

  getAlias (name: string): ModelAlias | undefined {
    return this.aliases.get(aliasKey(name))
  }

  /** Lists `name` as written (a successful pull), for as long as it resolves. */
  addPulled (name: string): void {
    this.pulled.set(aliasKey(name), name.trim())
    this.changed()
  }

  removePulled (name: string): boolean {
    const removed = this.pulled.delete(aliasKey(name))
    if (removed) this.changed()
    return removed
  }

  isPulled (name: string): boolean {
    return this.pulled.has(aliasKey(name))
  }

  /** The model a client's name refers to, or undefined when no active provider serves it. */
  resolve (name: string, depth = 0): ResolvedModel | undefined {
    const alias = this.aliases.get(aliasKey(name))
    if (alias !== undefined && depth < MAX_ALIAS_DEPTH) {
      const target = this.resolve(alias.target, depth + 1)
      if (target === undefined) return undefined
      return { ...target, name: canonicalAliasName(alias.name), preset: mergePresets(target.preset, alias.preset), alias }
    }
    const reference = parseModelName(name)
    if (reference.provider !== undefined) {
      const provider = this.providers.get(this.providerIdFor(reference.provider))
      // Everything after the first slash goes to the provider as written: it decides whether the model exists.
      if (provider !== undefined) return reference.model === '' ? undefined : this.findModel(provider, reference.model) ?? this.passThrough(provider, reference.model)
      // Not a provider: a model id holding a slash (`Qwen/Qwen2.5-7B-Instruct`), looked up in the lists as a whole.
      return this.findListed(stripLatestTag(name.trim()))
    }
    const bare = reference.model
    for (const provider of this.providers.values()) {
      if (provider.descriptor.bareNames?.test(bare) !== true) continue
      const resolved = this.findModel(provider, bare)
      if (resolved !== undefined) return resolved
    }
    const listed = this.findListed(bare)
    if (listed !== undefined) return listed
    for (const provider of this.providers.values()) {
      if (provider.descriptor.bareNames?.test(bare) === true && bare !== '') return this.passThrough(provider, bare)
    }
    return undefined
  }

  /**
   * The provider a name would go to if it were configured (none of its key variables set), for a 404 that says
   * which variable to set; undefined when the name is unknown to every provider, or its provider is active.
   */
  unconfiguredProvider (name: string): ProviderDescriptor | undefined {
    const reference = parseModelName(name)
    if (reference.provider !== undefined) {
      const id = this.providerIdFor(reference.provider)
      return this.providers.has(id) ? undefined : this.knownProviders.find((descriptor) => descriptor.id === id)
    }
    const claimant = this.knownProviders.find((descriptor) => descriptor.bareNames?.test(reference.model) === true)
    return claimant === undefined || this.providers.has(claimant.id) ? undefined : claimant
  }

  /**
   * Every servable model, de-duplicated by name and sorted by it: each provider's cards and live list, every alias
   * whose target resolves, and every pulled name. An alias of an inactive provider is left out, as it could only
   * answer 404. Built once per change (see `version`), not per call; callers must not modify it.
   */
  list (): readonly ResolvedModel[] {
    if (this.listing === undefined) this.listing = this.buildListing()
    return this.listing
  }

  /** Every API key in use, so error texts can be scrubbed of them. */
  secrets (): string[] {
    return [...this.providers.values()].map((provider) => provider.apiKey.reveal()).filter((secret) => secret !== '')
  }

  private changed (): void {
    this.changes += 1
    this.listing = undefined
  }

  private buildListing (): ResolvedModel[] {
    const byName = new Map<string, ResolvedModel>()
    const add = (model: ResolvedModel): void => {
      const key = model.name.toLowerCase()
      if (!byName.has(key)) byName.set(key, model)
    }
    for (const provider of this.providers.values()) {
      for (const card of this.modelsOf(provider.descriptor.id)) add(this.toResolved(provider, card))
    }
    for (const alias of this.aliases.values()) {
      const resolved = this.resolve(alias.name)
      if (resolved !== undefined) add(resolved)
    }
    for (const name of this.pulled.values()) {
      const resolved = this.resolve(name)
      if (resolved !== undefined) add({ ...resolved, name: canonicalAliasName(name) })
    }
    return [...byName.values()].sort((left, right) => left.name < right.name ? -1 : left.name > right.name ? 1 : 0)
  }

  private providerIdFor (prefix: string): string {
    return this.prefixSynonyms[prefix] ?? prefix
  }

  /** The first active provider whose live list has the id, or an unprefixed Ollama upstream that serves it. */
  private findListed (modelId: string): ResolvedModel | undefined {
    const wanted = modelId.toLowerCase()
    for (const provider of this.providers.values()) {
      const models = this.models.get(provider.descriptor.id)
      if (models === undefined || (provider.unprefixed !== true && !models.listed.has(wanted))) continue
      const card = models.byId.get(wanted)
      if (card !== undefined) return this.toResolved(provider, card)
    }
    return undefined
  }

  /** A card or listed model of this provider, or one made for an id the provider's open-model rule admits (Ark `ep-...` ids). */
  private findModel (provider: ActiveProvider, modelId: string): ResolvedModel | undefined {
    const card = this.models.get(provider.descriptor.id)?.byId.get(modelId.toLowerCase())
    if (card !== undefined) return this.toResolved(provider, card)
    const rule = provider.descriptor.openModels
    if (rule === undefined || !rule.pattern.test(modelId)) return undefined
    return this.toResolved(provider, { id: modelId, capabilities: rule.capabilities, contextLength: rule.contextLength, family: rule.family })
  }

  /** An id no card or list names, sent as written, with capabilities inferred from its name and the provider's defaults. */
  private passThrough (provider: ActiveProvider, modelId: string): ResolvedModel {
    return this.toResolved(provider, { ...inferredCard(provider.descriptor, modelId), passedThrough: true })
  }

  private toResolved (provider: ActiveProvider, card: ModelCard): ResolvedModel {
    const name = provider.unprefixed === true ? canonicalAliasName(card.id) : canonicalModelName(provider.descriptor.id, card.id)
    return { provider, card, name }
  }
}

function indexModels (cards: readonly ModelCard[], listed: ReadonlySet<string>): ProviderModels {
  const byId = new Map<string, ModelCard>()
  for (const card of cards) if (!byId.has(card.id.toLowerCase())) byId.set(card.id.toLowerCase(), card)
  return { cards, byId, listed }
}

function aliasKey (name: string): string {
  return stripLatestTag(name.trim()).toLowerCase()
}

function canonicalAliasName (name: string): string {
  const bare = stripLatestTag(name.trim())
  return bare.includes(':') ? bare : `${bare}:latest`
}

/** The outer alias wins: its system prompt replaces, its options override the inner ones. */
function mergePresets (inner: ModelPreset | undefined, outer: ModelPreset | undefined): ModelPreset | undefined {
  if (inner === undefined) return outer
  if (outer === undefined) return inner
  const system = outer.system ?? inner.system
  const messages = outer.messages ?? inner.messages
  return {
    ...(system === undefined ? {} : { system }),
    options: { ...inner.options, ...outer.options },
    ...(messages === undefined ? {} : { messages })
  }
}
