/**
 * Gemini's `GET /v1beta/models`, read page by page (`pageSize`, `pageToken`; `nextPageToken`):
 * `{"models":[{"name":"models/…","inputTokenLimit","outputTokenLimit","supportedGenerationMethods","thinking"}]}`.
 * Only models that can chat (`generateContent`) or embed (`embedContent`) are kept.
 * @see https://ai.google.dev/api/models#method:-models.list (checked 2026-11)
 */
import type { Capability } from '../../../src/core/capabilities.js'
import { positiveInteger, type ListedModel, type ListGet } from '../../../src/core/listed-model.js'
import { readAllPages, type ModelPage } from '../../shared/paged-list.js'

/** Gemini's largest page. */
const PAGE_SIZE = 1000

interface GeminiListEntry {
  name?: unknown
  inputTokenLimit?: unknown
  outputTokenLimit?: unknown
  supportedGenerationMethods?: unknown
  thinking?: unknown
}

/** One page's chat and embedding models and the next page's token; throws an Error when the body has no `models` array. */
export function readGeminiModelPage (body: unknown): ModelPage {
  const page = body as { models?: unknown, nextPageToken?: unknown } | null
  // An empty last page may leave `models` out.
  if (page === null || typeof page !== 'object' || (page.models !== undefined && !Array.isArray(page.models))) throw new Error('model list without a models array')
  const models: ListedModel[] = []
  for (const entry of (page.models ?? []) as GeminiListEntry[]) {
    if (typeof entry !== 'object' || entry === null || typeof entry.name !== 'string') continue
    const id = entry.name.replace(/^models\//, '')
    const methods = Array.isArray(entry.supportedGenerationMethods) ? entry.supportedGenerationMethods : []
    const capabilities = capabilitiesOf(methods, entry.thinking === true)
    if (id === '' || capabilities === undefined) continue
    const contextLength = positiveInteger(entry.inputTokenLimit)
    const maxOutputTokens = positiveInteger(entry.outputTokenLimit)
    models.push({
      id,
      capabilities,
      family: capabilities.includes('embedding') ? 'gemini-embedding' : 'gemini',
      ...(contextLength === undefined ? {} : { contextLength }),
      ...(maxOutputTokens === undefined ? {} : { maxOutputTokens })
    })
  }
  const next = typeof page.nextPageToken === 'string' && page.nextPageToken !== '' ? page.nextPageToken : undefined
  return next === undefined ? { models } : { models, next }
}

/** Chat models take text, images and tools (Gemini's generateContent); embedding models embed only. */
function capabilitiesOf (methods: readonly unknown[], thinking: boolean): Capability[] | undefined {
  if (methods.includes('generateContent')) return thinking ? ['completion', 'tools', 'thinking', 'vision'] : ['completion', 'tools', 'vision']
  if (methods.includes('embedContent') || methods.includes('batchEmbedContents')) return ['embedding']
  return undefined
}

/** Every page of `/v1beta/models`. */
export async function listGeminiModels (get: ListGet): Promise<ListedModel[]> {
  return readAllPages(get, (token) => `/v1beta/models?pageSize=${PAGE_SIZE}${token === undefined ? '' : `&pageToken=${encodeURIComponent(token)}`}`, readGeminiModelPage)
}
