/**
 * A resolved model as `/api/tags`, `/api/show` and `/api/ps` describe it, and the `remote_model`/`remote_host` pair
 * every listing and answer carries: honest about running elsewhere (size 0, the provider's model id and origin).
 */
import { createHash } from 'node:crypto'
import type { ProviderRegistry, ResolvedModel } from '../core/provider-registry.js'

/** The server's start, as a listing dates a model nothing else dates. */
const bootDate = formatDate(new Date())

/** Go's time.Time JSON for a wall-clock date (millisecond precision is all a Date has). */
export function formatDate (date: Date): string {
  return date.toISOString().replace(/\.?0+Z$/, 'Z')
}

export function modelDigest (model: ResolvedModel): string {
  return model.card.listing?.digest ?? createHash('sha256').update(model.name).digest('hex')
}

export function modelDetails (model: ResolvedModel) {
  const { card } = model
  return {
    parent_model: '',
    format: card.listing?.format ?? 'api',
    family: card.family,
    families: [card.family],
    parameter_size: card.listing?.parameterSize ?? '',
    quantization_level: card.listing?.quantizationLevel ?? '',
    context_length: card.contextLength,
    ...(card.embeddingLength === undefined ? {} : { embedding_length: card.embeddingLength })
  }
}

/**
 * Where a model runs, as Ollama marks a cloud model (api/types.go `ListModelResponse`, `ShowResponse`,
 * `ChatResponse`, `GenerateResponse`): `remote_model` the provider's own model id, `remote_host` its public origin,
 * left out when the operator hides it (`<ID>_REMOTE_HOST=none`).
 */
export interface RemoteFields {
  readonly remote_model: string
  readonly remote_host?: string
}

export function remoteFields (model: ResolvedModel): RemoteFields {
  const host = model.provider.remoteHost
  return host === undefined ? { remote_model: model.card.id } : { remote_model: model.card.id, remote_host: host }
}

/** What heads each chunk of an answer: the name as the client sent it, then where the model runs. */
export function answerIdentity (echo: string, model: ResolvedModel): { model: string } & RemoteFields {
  return { model: echo, ...remoteFields(model) }
}

/** When the model was last changed: a user model's creation, else an Ollama upstream's date, else the provider's `created` date, else the server's start. */
export function modifiedAt (model: ResolvedModel): string {
  if (model.alias?.createdAt !== undefined) return formatDate(new Date(model.alias.createdAt))
  return model.card.listing?.modifiedAt ?? model.card.createdAt ?? bootDate
}

/** One `/api/tags` entry: the only place an entry is rendered. */
export function listedModel (model: ResolvedModel) {
  return {
    name: model.name,
    model: model.name,
    ...remoteFields(model),
    modified_at: modifiedAt(model),
    size: model.card.listing?.size ?? 0,
    digest: modelDigest(model),
    details: modelDetails(model),
    capabilities: [...model.card.capabilities]
  }
}

export type TagsEntry = ReturnType<typeof listedModel>

/** `/api/tags`'s body: every listed model's entry, in the listing's order. */
export function tagsAnswer (models: readonly ResolvedModel[]): { models: TagsEntry[] } {
  return { models: models.map(listedModel) }
}

/** Every listed model in Ollama's order, made once per registry change. */
export interface Listing {
  /** Most recently modified first, then by name: stable between calls. */
  readonly models: readonly ResolvedModel[]
}

const listings = new WeakMap<ProviderRegistry, { version: number, listing: Listing }>()
const bodies = new WeakMap<Listing, Map<(models: readonly ResolvedModel[]) => unknown, Buffer>>()

/**
 * The registry's models as `/api/tags` and `/v1/models` list them, as real Ollama sorts them (most recently modified
 * first, then by name), built when the registry changed (a refreshed list, an alias, a pull) rather than per request.
 */
export function currentListing (registry: ProviderRegistry): Listing {
  const cached = listings.get(registry)
  if (cached !== undefined && cached.version === registry.version) return cached.listing
  const dated = registry.list().map((model) => ({ model, time: Date.parse(modifiedAt(model)) || 0 }))
  // Array.prototype.sort is stable: equal dates keep the registry's order by name.
  dated.sort((left, right) => right.time - left.time)
  const listing: Listing = { models: dated.map((entry) => entry.model) }
  listings.set(registry, { version: registry.version, listing })
  return listing
}

/**
 * A listing's body as the bytes sent: `render(listing.models)` as JSON in UTF-8, made on the first call for this
 * listing and `render`, then the same Buffer until the registry changes. Listings are asked on every page load and
 * per model, and with 2,000 models `/api/tags` is 960 KB: a ready Buffer skips the serialiser, the string-to-UTF-8
 * encoding and the byte count a string body costs on every send (Fastify sends a Buffer as it is).
 */
export function listingBody (listing: Listing, render: (models: readonly ResolvedModel[]) => unknown): Buffer {
  let rendered = bodies.get(listing)
  if (rendered === undefined) {
    rendered = new Map()
    bodies.set(listing, rendered)
  }
  let body = rendered.get(render)
  if (body === undefined) {
    body = Buffer.from(JSON.stringify(render(listing.models)))
    rendered.set(render, body)
  }
  return body
}

/**
 * `/api/show`: Copilot reads `capabilities`, `general.architecture`, `<arch>.context_length` and
 * `general.basename`; JetBrains will not register a model without `capabilities`.
 */
export function showModel (model: ResolvedModel, basename: string) {
  const { card } = model
  const architecture = card.family
  const modelInfo: Record<string, unknown> = {
    'general.architecture': architecture,
    'general.basename': basename,
    [`${architecture}.context_length`]: card.contextLength
  }
  if (card.embeddingLength !== undefined) modelInfo[`${architecture}.embedding_length`] = card.embeddingLength
  // A user-defined model shows its system prompt and parameters, as a Modelfile's SYSTEM and PARAMETER do.
  const system = model.preset?.system
  const parameters = parameterLines(model.preset?.options)
  const modelfile = [
    `# Modelfile generated by "ollama show"\n# To build a new Modelfile based on this, replace FROM with:\n# FROM ${model.name}\n\nFROM ${model.name}\n`,
    ...(system === undefined ? [] : [`SYSTEM ${JSON.stringify(system)}\n`]),
    ...parameters.map(([key, value]) => `PARAMETER ${key} ${value}\n`),
    ...(model.preset?.messages ?? []).map((message) => `MESSAGE ${message.role} ${JSON.stringify(message.content)}\n`)
  ].join('')
  // Clients read these four as strings: empty where nothing applies (no license, no local template; the provider applies its own).
  return {
    license: '',
    modelfile,
    parameters: parameters.map(([key, value]) => `${key.padEnd(30)} ${value}`).join('\n'),
    template: '',
    ...(system === undefined ? {} : { system }),
    details: modelDetails(model),
    ...(model.preset?.messages === undefined ? {} : { messages: model.preset.messages.map((message) => ({ role: message.role, content: message.content })) }),
    ...remoteFields(model),
    model_info: modelInfo,
    capabilities: [...card.capabilities],
    modified_at: modifiedAt(model)
  }
}

/** Ollama's parameter text: one line per value (a list gives several), strings quoted. */
function parameterLines (options: Readonly<Record<string, unknown>> | undefined): Array<[string, string]> {
  const lines: Array<[string, string]> = []
  for (const [key, value] of Object.entries(options ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) lines.push([key, typeof item === 'string' ? JSON.stringify(item) : String(item)])
  }
  return lines
}

/**
 * One `/api/experimental/model-recommendations` entry (api/types.go `ModelRecommendation`): an operator's alias,
 * described by the provider's model it points to.
 */
export function recommendedModel (model: ResolvedModel) {
  const { card } = model
  return {
    model: model.name,
    description: `${card.id} at ${model.provider.descriptor.displayName}`,
    context_length: card.contextLength,
    ...(card.maxOutputTokens === undefined ? {} : { max_output_tokens: card.maxOutputTokens })
  }
}

export function runningModel (model: ResolvedModel, expiresAt: number) {
  // "Forever" is shown as a far-future date, as Ollama shows its max duration.
  const expiry = Number.isFinite(expiresAt) ? new Date(expiresAt) : new Date('2318-01-01T00:00:00Z')
  return {
    name: model.name,
    model: model.name,
    size: 0,
    digest: modelDigest(model),
    details: modelDetails(model),
    expires_at: formatDate(expiry),
    size_vram: 0,
    context_length: model.card.contextLength
  }
}
