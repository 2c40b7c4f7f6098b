/** Resolving the model of an embedding request, with the wording of Ollama's embed handlers. */
import { hasCapability } from '../core/capabilities.js'
import type { ProviderRegistry, ResolvedModel } from '../core/provider-registry.js'
import { EmbeddingUnsupportedError, EmbedModelNotFoundError, ModelRequiredError } from '../errors.js'
import type { RequestedModel } from './model-admission.js'

/** Whether the model is an embedding model and its provider's protocol has an embeddings API. */
export function canEmbed (model: ResolvedModel): boolean {
  const { protocol } = model.provider
  return hasCapability(model.card, 'embedding') && protocol.buildEmbedRequest !== undefined && protocol.readEmbedResponse !== undefined
}

/**
 * Real Ollama lets any model embed; a cloud chat model cannot, so asking one answers Ollama's
 * capability error (400 `<name> does not support embedding`) instead of a provider's 404.
 * DEFAULT_MODEL is a chat model, so an empty name is never replaced by it here.
 */
export function resolveEmbeddingModel (registry: ProviderRegistry, requested: string | undefined): RequestedModel {
  if (requested === undefined || requested === '') throw new ModelRequiredError()
  const model = registry.resolve(requested)
  if (model === undefined) throw new EmbedModelNotFoundError(requested)
  if (!canEmbed(model)) throw new EmbeddingUnsupportedError(model.name)
  return { model, echo: requested }
}
