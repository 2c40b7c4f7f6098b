/** The capability descriptor: what a provider offers and how it is configured. */

/** Ollama's capability names, as `/api/show` reports them. */
export type Capability = 'completion' | 'tools' | 'thinking' | 'vision' | 'embedding' | 'insert'

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

/** How a provider's API switches reasoning on and off. */
export type ThinkingControl =
  /** `reasoning_effort: low|medium|high` (OpenAI, Groq, xAI). */
  | 'reasoning-effort'
  /** Top-level `enable_thinking` boolean (DashScope, SiliconFlow). */
  | 'enable-thinking'
  /** `thinking: {type: enabled|disabled}` (DeepSeek, Volcengine Ark, Zhipu, Moonshot). */
  | 'thinking-type'
  /** No switch: the model thinks or not by itself. */
  | 'none'

export interface ProviderQuirks {
  readonly thinkingControl: ThinkingControl
  /** Whether the provider honours `stream_options.include_usage` (otherwise usage arrives on the finish chunk). */
  readonly streamUsageOption: boolean
}

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
  readonly models: readonly ModelCard[]
  readonly quirks: ProviderQuirks
  /** What turns the provider on: an API key (default) or, for keyless servers such as Ollama, its base URL. */
  readonly activation?: 'api-key' | 'base-url'
  /** Environment variable that, when `true`, lists and resolves the provider's models without the `id/` prefix. */
  readonly unprefixedEnv?: string
  /** Environment variable with the seconds between model-list refreshes (protocols that list models; 0 = at boot only). */
  readonly refreshSecondsEnv?: string
}

export function hasCapability (card: ModelCard, capability: Capability): boolean {
  return card.capabilities.includes(capability)
}
