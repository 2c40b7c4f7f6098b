/** Active providers and the model names they answer to; routes resolve every model through it. */
import type { ModelCard, ProviderDescriptor } from './capabilities.js'
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
  /** The public origin answers report as `remote_host` (src/core/remote-host.ts); absent: the operator hides it. */
  readonly remoteHost?: string
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

export class ProviderRegistry {
  private readonly providers = new Map<string, ActiveProvider>()
  private readonly aliases = new Map<string, ModelAlias>()

  register (provider: ActiveProvider): void {
    if (this.providers.has(provider.descriptor.id)) throw new Error(`provider ${provider.descriptor.id} registered twice`)
    this.providers.set(provider.descriptor.id, provider)
  }

  get (providerId: string): ActiveProvider | undefined {
    return this.providers.get(providerId)
  }

  /** Adds or replaces an alias; its target is resolved at request time, so it may name a provider activated later. */
  addAlias (alias: ModelAlias): void {
    this.aliases.set(aliasKey(alias.name), alias)
  }

  removeAlias (name: string): boolean {
    return this.aliases.delete(aliasKey(name))
  }

  getAlias (name: string): ModelAlias | undefined {
    return this.aliases.get(aliasKey(name))
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
      const provider = this.providers.get(reference.provider)
      const resolved = provider === undefined ? undefined : this.findModel(provider, reference.model)
      if (resolved !== undefined) return resolved
    } else {
      // A bare name goes to the first active provider, in registration order, that claims it and serves it.
      for (const provider of this.providers.values()) {
        if (provider.descriptor.bareNames?.test(reference.model) !== true) continue
        const resolved = this.findModel(provider, reference.model)
        if (resolved !== undefined) return resolved
      }
    }
    // Bare names (and names like `hf.co/org/model`) may belong to a provider serving unprefixed names.
    for (const candidate of this.providers.values()) {
      if (candidate.unprefixed !== true) continue
      const resolved = this.findModel(candidate, stripLatestTag(name.trim()))
      if (resolved !== undefined) return resolved
    }
    return undefined
  }

  /**
   * Every servable model, sorted by name: each provider's catalogue, then every alias whose target
   * resolves. An alias of an inactive provider is left out, as it could only answer 404.
   */
  list (): ResolvedModel[] {
    const models: ResolvedModel[] = []
    for (const provider of this.providers.values()) {
      for (const card of provider.models) models.push(this.toResolved(provider, card))
    }
    for (const alias of this.aliases.values()) {
      const resolved = this.resolve(alias.name)
      if (resolved !== undefined) models.push(resolved)
    }
    return models.sort((left, right) => left.name < right.name ? -1 : left.name > right.name ? 1 : 0)
  }

  /** Every API key in use, so error texts can be scrubbed of them. */
  secrets (): string[] {
    return [...this.providers.values()].map((provider) => provider.apiKey.reveal()).filter((secret) => secret !== '')
  }

  /** A catalogue card, or one made for an id the provider's open-model rule admits (Ark `ep-...` ids). */
  private findModel (provider: ActiveProvider, modelId: string): ResolvedModel | undefined {
    const wanted = modelId.toLowerCase()
    const card = provider.models.find((model) => model.id.toLowerCase() === wanted)
    if (card !== undefined) return this.toResolved(provider, card)
    const rule = provider.descriptor.openModels
    if (rule === undefined || !rule.pattern.test(modelId)) return undefined
    return this.toResolved(provider, { id: modelId, capabilities: rule.capabilities, contextLength: rule.contextLength, family: rule.family })
  }

  private toResolved (provider: ActiveProvider, card: ModelCard): ResolvedModel {
    const name = provider.unprefixed === true ? canonicalAliasName(card.id) : canonicalModelName(provider.descriptor.id, card.id)
    return { provider, card, name }
  }
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
