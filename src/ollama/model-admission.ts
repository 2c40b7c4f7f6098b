/** Resolving the requested model and checking its capabilities, in Ollama's order and wording. */
import { hasCapability } from '../core/capabilities.js'
import type { ThinkSetting } from '../core/chat-request.js'
import type { ProviderRegistry, ResolvedModel } from '../core/provider-registry.js'
import { ModelNotFoundError, ModelRequiredError, ThinkingUnsupportedError, ToolsUnsupportedError, VisionUnsupportedError } from '../errors.js'

export interface RequestedModel {
  readonly model: ResolvedModel
  /** Echoed in every answer: the name as sent, or the default model when none was. */
  readonly echo: string
}

/**
 * An empty name falls back to DEFAULT_MODEL; without one, chat answers 400 `model is required`
 * and generate 404 `model '' not found`, as Ollama's handlers do.
 */
export function resolveRequestedModel (registry: ProviderRegistry, requested: string | undefined, defaultModel: string | undefined, onEmpty: 'model-required' | 'not-found'): RequestedModel {
  const name = requested !== undefined && requested !== '' ? requested : defaultModel
  if (name === undefined || name === '') {
    if (onEmpty === 'model-required') throw new ModelRequiredError()
    throw new ModelNotFoundError('')
  }
  const model = registry.resolve(name)
  if (model === undefined) throw new ModelNotFoundError(name)
  return { model, echo: name }
}

export function checkThinking (requested: RequestedModel, think: ThinkSetting | undefined): void {
  if (think !== undefined && think !== false && !hasCapability(requested.model.card, 'thinking')) {
    throw new ThinkingUnsupportedError(requested.echo)
  }
}

export function checkTools (requested: RequestedModel, toolCount: number): void {
  if (toolCount > 0 && !hasCapability(requested.model.card, 'tools')) throw new ToolsUnsupportedError(requested.model.name)
}

/** Images for a model without `vision`: the full name, as Ollama's capability errors have it (see src/errors.ts). */
export function checkVision (requested: RequestedModel, hasImages: boolean): void {
  if (hasImages && !hasCapability(requested.model.card, 'vision')) throw new VisionUnsupportedError(requested.model.name)
}
