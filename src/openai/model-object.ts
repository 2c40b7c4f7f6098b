/** A resolved model as OpenAI's model object, as Ollama derives it from its listing. */
import type { ResolvedModel } from '../core/provider-registry.js'
import { modifiedAt } from '../ollama/model-listing.js'

export function openAiModel (id: string, model: ResolvedModel) {
  const slash = model.name.indexOf('/')
  return {
    id,
    object: 'model' as const,
    created: Math.floor(Date.parse(modifiedAt(model)) / 1000),
    // The namespace, as Ollama reports it: `library` for names without one.
    owned_by: slash > 0 ? model.name.slice(0, slash) : 'library'
  }
}

/** `/v1/models`'s body: every listed model, or null when none is (Go's nil slice: Ollama answers null, not []). */
export function openAiModelList (models: readonly ResolvedModel[]) {
  return { object: 'list' as const, data: models.length === 0 ? null : models.map((model) => openAiModel(model.name, model)) }
}
