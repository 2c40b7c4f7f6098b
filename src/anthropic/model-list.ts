/**
 * Models in Anthropic's shape, for `GET /v1/models` and `GET /v1/models/{id}` called with `anthropic-version`
 * (the Anthropic SDKs, and Claude Code's gateway model discovery). Pages as the real API does: `limit`
 * (1 to 1000, default 20), `after_id` or `before_id`; ids are the names `/api/tags` lists.
 * @see https://docs.claude.com/en/api/models-list (checked 2026-11)
 */
import { hasCapability } from '../core/capabilities.js'
import type { ResolvedModel } from '../core/provider-registry.js'
import { modifiedAt } from '../ollama/model-listing.js'

export interface AnthropicModel {
  readonly type: 'model'
  readonly id: string
  readonly display_name: string
  /** RFC 3339. */
  readonly created_at: string
}

export interface AnthropicModelPage {
  readonly data: AnthropicModel[]
  readonly has_more: boolean
  readonly first_id: string | null
  readonly last_id: string | null
}

const DEFAULT_LIMIT = 20
const MAX_LIMIT = 1000

/** `id` as the client named the model; the display name drops Ollama's `:latest` tag. */
export function anthropicModel (id: string, model: ResolvedModel): AnthropicModel {
  return { type: 'model', id, display_name: model.name.replace(/:latest$/, ''), created_at: modifiedAt(model) }
}

/** One page of the models that can chat (embedding-only models cannot answer `/v1/messages`), in the registry's order. */
export function anthropicModelPage (models: readonly ResolvedModel[], query: Readonly<Record<string, unknown>>): AnthropicModelPage {
  // Only the page is rendered: Claude Code asks for 20 of what may be thousands.
  const all = models.filter((model) => hasCapability(model.card, 'completion'))
  const limit = readLimit(query.limit)
  let listed: ResolvedModel[]
  let hasMore: boolean
  if (typeof query.before_id === 'string' && query.before_id !== '') {
    const end = Math.max(all.findIndex((model) => model.name === query.before_id), 0)
    listed = all.slice(Math.max(end - limit, 0), end)
    hasMore = end - limit > 0
  } else {
    const after = typeof query.after_id === 'string' && query.after_id !== '' ? all.findIndex((model) => model.name === query.after_id) : -1
    const start = after + 1
    listed = all.slice(start, start + limit)
    hasMore = start + limit < all.length
  }
  const page = listed.map((model) => anthropicModel(model.name, model))
  return { data: page, has_more: hasMore, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null }
}

function readLimit (value: unknown): number {
  const limit = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : DEFAULT_LIMIT
  return Math.min(Math.max(limit, 1), MAX_LIMIT)
}
