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
  readonly protocol: 'openai-chat'
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
  /** Model ids served without a catalogue entry (Volcengine Ark `ep-...` endpoint ids), and the card they get. */
  readonly openModels?: OpenModelRule
  /** The provider stays inactive until its base URL variable is set too (Azure: there is no shared default host). */
  readonly baseUrlRequired?: boolean
  /** Further variables the provider reads at boot (Azure's `AZURE_API_VERSION`). */
  readonly settingsEnv?: readonly string[]
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
