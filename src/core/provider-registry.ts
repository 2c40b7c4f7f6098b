/** Active providers and the model names they answer to; routes resolve every model through it. */
import type { ModelCard, ProviderDescriptor } from './capabilities.js'
import { canonicalModelName, parseModelName } from './model-name.js'
import type { Protocol } from './protocol.js'
import type { Secret } from './secret.js'

export interface ActiveProvider {
  readonly descriptor: ProviderDescriptor
  readonly protocol: Protocol
  readonly apiKey: Secret
  /** Without a trailing slash. */
  readonly baseUrl: string
  readonly models: readonly ModelCard[]
}

export interface ResolvedModel {
  readonly provider: ActiveProvider
  readonly card: ModelCard
  /** Canonical `provider/model:latest` form, as `/api/tags` lists it. */
  readonly name: string
}

export class ProviderRegistry {
  private readonly providers = new Map<string, ActiveProvider>()

  register (provider: ActiveProvider): void {
    if (this.providers.has(provider.descriptor.id)) throw new Error(`provider ${provider.descriptor.id} registered twice`)
    this.providers.set(provider.descriptor.id, provider)
  }

  get (providerId: string): ActiveProvider | undefined {
    return this.providers.get(providerId)
  }

  /** The model a client's name refers to, or undefined when no active provider serves it. */
  resolve (name: string): ResolvedModel | undefined {
    const reference = parseModelName(name)
    if (reference.provider === undefined) return undefined
    const provider = this.providers.get(reference.provider)
    if (provider === undefined) return undefined
    const wanted = reference.model.toLowerCase()
    const card = provider.models.find((model) => model.id.toLowerCase() === wanted)
    return card === undefined ? undefined : this.toResolved(provider, card)
  }

  list (): ResolvedModel[] {
    const models: ResolvedModel[] = []
    for (const provider of this.providers.values()) {
      for (const card of provider.models) models.push(this.toResolved(provider, card))
    }
    return models
  }

  /** Every API key in use, so error texts can be scrubbed of them. */
  secrets (): string[] {
    return [...this.providers.values()].map((provider) => provider.apiKey.reveal())
  }

  private toResolved (provider: ActiveProvider, card: ModelCard): ResolvedModel {
    return { provider, card, name: canonicalModelName(provider.descriptor.id, card.id) }
  }
}
