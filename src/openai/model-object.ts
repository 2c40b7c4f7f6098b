/** A resolved model as OpenAI's model object, as Ollama derives it from its listing. */
import type { ResolvedModel } from '../core/provider-registry.js'
import { listedModel } from '../ollama/model-listing.js'

export function openAiModel (id: string, model: ResolvedModel) {
  const slash = model.name.indexOf('/')
  return {
    id,
    object: 'model' as const,
    created: Math.floor(Date.parse(listedModel(model).modified_at) / 1000),
    // The namespace, as Ollama reports it: `library` for names without one.
    owned_by: slash > 0 ? model.name.slice(0, slash) : 'library'
  }
}
