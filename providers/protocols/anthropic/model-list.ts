/**
 * Anthropic's `GET /v1/models`, read page by page (`limit`, `after_id`; `has_more`, `last_id`):
 * `{"data":[{"type":"model","id","display_name","created_at"}],"has_more","first_id","last_id"}`, with
 * `max_input_tokens` and `max_tokens` where the API gives them.
 * @see https://docs.claude.com/en/api/models-list (checked 2026-11)
 */
import { positiveInteger, type ListedModel, type ListGet } from '../../../src/core/listed-model.js'
import { readAllPages, type ModelPage } from '../../shared/paged-list.js'

/** Anthropic's largest page. */
const PAGE_SIZE = 1000

interface AnthropicListEntry {
  id?: unknown
  created_at?: unknown
  max_input_tokens?: unknown
  max_tokens?: unknown
}

/** One page's entries and where the next one starts; throws an Error when the body has no `data` array. */
export function readAnthropicModelPage (body: unknown): ModelPage {
  const page = body as { data?: unknown, has_more?: unknown, last_id?: unknown } | null
  if (!Array.isArray(page?.data)) throw new Error('model list without a data array')
  const models: ListedModel[] = []
  for (const entry of page.data as AnthropicListEntry[]) {
    if (typeof entry !== 'object' || entry === null || typeof entry.id !== 'string' || entry.id === '') continue
    const contextLength = positiveInteger(entry.max_input_tokens)
    const maxOutputTokens = positiveInteger(entry.max_tokens)
    const createdAt = typeof entry.created_at === 'string' && !Number.isNaN(Date.parse(entry.created_at)) ? entry.created_at : undefined
    models.push({
      id: entry.id,
      family: 'claude',
      ...(contextLength === undefined ? {} : { contextLength }),
      ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
      ...(createdAt === undefined ? {} : { createdAt })
    })
  }
  const next = page.has_more === true && typeof page.last_id === 'string' && page.last_id !== '' ? page.last_id : undefined
  return next === undefined ? { models } : { models, next }
}

/** Every page of `/v1/models`. */
export async function listAnthropicModels (get: ListGet): Promise<ListedModel[]> {
  return readAllPages(get, (after) => `/v1/models?limit=${PAGE_SIZE}${after === undefined ? '' : `&after_id=${encodeURIComponent(after)}`}`, readAnthropicModelPage)
}
