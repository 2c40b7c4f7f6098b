/** The capability descriptor: what a provider offers and how it is configured. */

/** Ollama's capability names, as `/api/show` reports them; the one list every schema and reader of them uses. */
export const CAPABILITIES = ['completion', 'tools', 'thinking', 'vision', 'embedding', 'insert'] as const

export type Capability = typeof CAPABILITIES[number]

/** Whether a name read from outside (an environment variable, an upstream's list) is one of Ollama's capabilities. */
export function isCapability (name: string): name is Capability {
  return (CAPABILITIES as readonly string[]).includes(name)
}

export interface ModelCard {
  /** The upstream model id, sent as `model` to the provider (may contain `/` or `:`). */
  readonly id: string
  readonly capabilities: readonly Capability[]
  /** Context window in tokens, reported as `<family>.context_length` by `/api/show`. */
  readonly contextLength: number
  /** Model family shown in `details.family` and `general.architecture`. */
  readonly family: string
  /** Most inputs one embedding request may carry (embedding models only). */
  readonly embeddingBatchSize?: number
  /** Vector length of an embedding model, when fixed. */
  readonly embeddingLength?: number
  /** Most tokens one answer may hold, for providers that require a limit on every request (Anthropic). */
  readonly maxOutputTokens?: number
  /** What a real Ollama upstream's /api/tags says about the model, listed as it is rather than as a remote model. */
  readonly listing?: ModelListing
  /** Overrides the OpenAI-compatible provider's `quirks.maxTokensField` for this model (reasoning models want `max_completion_tokens`). */
  readonly maxTokensField?: MaxTokensField
  /** The model rejects sampling knobs (OpenAI reasoning models): temperature, top_p and the penalties are not sent. Default false. */
  readonly rejectsSampling?: boolean
  /**
   * Whether the upstream accepts a `dimensions` parameter for this embedding model (default true).
   * When false, a requested length is only applied here, by truncating and re-normalising.
   */
  readonly embeddingDimensions?: boolean
  /** The fields were guessed (from the name and the provider's defaults), so a provider's list may say better. */
  readonly inferred?: boolean
  /** No card, list or configuration names the id: it is sent as written and the provider judges (it may embed, say). */
  readonly passedThrough?: boolean
  /** When the provider made the model available, RFC 3339, from its model list: `/api/tags` lists it as `modified_at`. */
  readonly createdAt?: string
}

export interface ModelListing {
  readonly size: number
  /** 64 hex characters, without `sha256:`. */
  readonly digest: string
  /** RFC 3339, as the upstream wrote it. */
  readonly modifiedAt: string
  readonly format: string
  readonly parameterSize: string
  readonly quantizationLevel: string
}

/** The body field that carries Ollama's `num_predict` on OpenAI-style APIs (a model card may override its provider's). */
export type MaxTokensField = 'max_tokens' | 'max_completion_tokens'

export interface ProviderDescriptor {
  /** Kebab-case id, also the model-name prefix (`openai/gpt-4o`). */
  readonly id: string
  readonly displayName: string
  /** Wire protocol the provider speaks. */
  readonly protocol: 'openai-chat' | 'anthropic-messages' | 'gemini-generate-content' | 'ollama'
  readonly defaultBaseUrl: string
  /** Environment variables that may hold the API key, first set wins. */
  readonly apiKeyEnv: readonly string[]
  readonly baseUrlEnv: string
  /** Environment variable with extra model ids (comma-separated) served with default capabilities. */
  readonly modelsEnv: string
  /** Capabilities given to model ids that come from `modelsEnv`. */
  readonly defaultCapabilities: readonly Capability[]
  readonly defaultContextLength: number
  /** Most inputs one embedding request may carry for an embedding model no card names (else 10). */
  readonly defaultEmbeddingBatchSize?: number
  readonly models: readonly ModelCard[]
  /**
   * Bare model names (without the `id/` prefix) this provider claims, the way LiteLLM users expect
   * (`gpt-4o` is OpenAI's). Tested against the name without its `:latest` tag; a claimed name resolves
   * only while the provider is active and serves it.
   */
  readonly bareNames?: RegExp
  /** Model ids served without a catalogue entry (Volcengine Ark `ep-...` endpoint ids), and the card they get. */
  readonly openModels?: OpenModelRule
  /** The provider stays inactive until its base URL variable is set too (Azure: there is no shared default host). */
  readonly baseUrlRequired?: boolean
  /** Further variables the provider reads at boot (Azure's `AZURE_API_VERSION`). */
  readonly settingsEnv?: readonly string[]
  /** What turns the provider on: an API key (default) or, for keyless servers such as Ollama, its base URL. */
  readonly activation?: 'api-key' | 'base-url'
  /** Environment variable that, when `true`, lists and resolves the provider's models without the `id/` prefix. */
  readonly unprefixedEnv?: string
  /** Environment variable with the seconds between model-list refreshes (protocols that list models; 0 = at boot only). */
  readonly refreshSecondsEnv?: string
}

/** Ids that match `pattern` are served with these capabilities although no card lists them. */
export interface OpenModelRule {
  /** Tested against the upstream model id (what follows `provider/`). */
  readonly pattern: RegExp
  readonly capabilities: readonly Capability[]
  readonly contextLength: number
  readonly family: string
}

export function hasCapability (card: ModelCard, capability: Capability): boolean {
  return card.capabilities.includes(capability)
}
