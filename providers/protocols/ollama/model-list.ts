/** A real Ollama's GET /api/tags as model cards: its names (`:latest` dropped, as our names imply it), capabilities and families. */
import { isCapability, type Capability, type ModelCard, type ModelListing } from '../../../src/core/capabilities.js'
import type { ListedModel, ListGet } from '../../../src/core/listed-model.js'
import { stripLatestTag } from '../../../src/core/model-name.js'
import type { OllamaTagEntry } from './wire-types.js'

/** Servers before capabilities were listed in /api/tags: let everything through and let the upstream judge. */
export const ASSUMED_CAPABILITIES: readonly Capability[] = ['completion', 'tools', 'thinking', 'vision']
/** Ollama's own default context when a model does not say. */
const DEFAULT_CONTEXT_LENGTH = 4096

/** Model cards from a `GET /api/tags` body; throws an Error when the body has no `models` array. */
export function readOllamaModelList (body: unknown): ModelCard[] {
  const entries = (body as { models?: unknown } | null)?.models
  if (!Array.isArray(entries)) throw new Error('model list without a models array')
  const cards: ModelCard[] = []
  for (const entry of entries as OllamaTagEntry[]) {
    const name = entry.model ?? entry.name
    if (typeof name !== 'string' || name === '') continue
    const capabilities = Array.isArray(entry.capabilities)
      ? entry.capabilities.filter(isCapability)
      : ASSUMED_CAPABILITIES
    cards.push({
      id: stripLatestTag(name),
      capabilities,
      contextLength: entry.details?.context_length ?? DEFAULT_CONTEXT_LENGTH,
      family: entry.details?.family || 'ollama',
      ...(entry.details?.embedding_length === undefined ? {} : { embeddingLength: entry.details.embedding_length }),
      ...(typeof entry.digest === 'string' && typeof entry.modified_at === 'string' ? { listing: toListing(entry, entry.digest, entry.modified_at) } : {})
    })
  }
  return cards
}

/** Size, digest and quantisation as the server lists them, so clients see the real model. */
function toListing (entry: OllamaTagEntry, digest: string, modifiedAt: string): ModelListing {
  return {
    size: entry.size ?? 0,
    digest: digest.replace(/^sha256:/, ''),
    modifiedAt,
    format: entry.details?.format ?? 'gguf',
    parameterSize: entry.details?.parameter_size ?? '',
    quantizationLevel: entry.details?.quantization_level ?? ''
  }
}

/** The server's `/api/tags`, as listed models (full cards: an Ollama server says everything about its models). */
export async function listOllamaModels (get: ListGet): Promise<ListedModel[]> {
  return readOllamaModelList(await get('/api/tags'))
}
