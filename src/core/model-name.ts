/** Model names as Ollama clients write them: `provider/model[:tag]`, where `:latest` is implied. */

export interface ModelReference {
  /** The first path segment, a provider id candidate (`openai` in `openai/gpt-4o`); absent for bare names. */
  readonly provider?: string
  /** Everything after the provider, with a trailing `:latest` removed. */
  readonly model: string
}

const LATEST_TAG = ':latest'

/** Drops the `:latest` tag clients append, so `name` and `name:latest` resolve alike. */
export function stripLatestTag (name: string): string {
  return name.toLowerCase().endsWith(LATEST_TAG) ? name.slice(0, -LATEST_TAG.length) : name
}

export function parseModelName (name: string): ModelReference {
  const trimmed = stripLatestTag(name.trim())
  const slash = trimmed.indexOf('/')
  if (slash <= 0) return { model: trimmed }
  return { provider: trimmed.slice(0, slash).toLowerCase(), model: trimmed.slice(slash + 1) }
}

/** The form `/api/tags` lists: always with a tag, as Ollama's DisplayShortest does. */
export function canonicalModelName (providerId: string, modelId: string): string {
  const name = `${providerId}/${modelId}`
  return name.includes(':', providerId.length + 1) ? name : name + LATEST_TAG
}
