/** The provider-neutral chat request that routes hand to a provider protocol. */

export interface ChatMessageToolCall {
  /** Present when the client sent one; protocols synthesise ids otherwise. */
  readonly id?: string
  readonly name: string
  readonly arguments: Record<string, unknown>
  /** The provider's reasoning signature for this call, when the client carried it back (Gemini's `thoughtSignature`). */
  readonly signature?: string
}

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool'
  readonly content: string
  readonly thinking?: string
  /** The provider's signature of `thinking`, when the client carried it back (Anthropic thinking blocks). */
  readonly thinkingSignature?: string
  /** Redacted thinking blocks' opaque `data`, carried back untouched (Anthropic). */
  readonly redactedThinking?: readonly string[]
  /** Bare base64 image data, as Ollama clients send it. */
  readonly images?: readonly string[]
  readonly toolCalls?: readonly ChatMessageToolCall[]
  readonly toolName?: string
  readonly toolCallId?: string
}

export interface ToolDefinition {
  readonly name: string
  readonly description?: string
  readonly parameters?: unknown
}

/** `think` as Ollama accepts it. */
export type ThinkSetting = boolean | 'low' | 'medium' | 'high' | 'max'

export interface SamplingOptions {
  readonly temperature?: number
  readonly topP?: number
  readonly topK?: number
  readonly minP?: number
  readonly repeatPenalty?: number
  readonly maxTokens?: number
  readonly stop?: readonly string[]
  readonly seed?: number
  readonly presencePenalty?: number
  readonly frequencyPenalty?: number
  /** The `options` object as the client sent it, for an upstream that speaks Ollama itself (num_ctx, min_p, ...). */
  readonly ollamaOptions?: Readonly<Record<string, unknown>>
}

export interface NormalisedChatRequest {
  readonly messages: readonly ChatMessage[]
  readonly tools?: readonly ToolDefinition[]
  /** Absent: the provider's default. */
  readonly think?: ThinkSetting
  /** `'json'` or a JSON schema object. */
  readonly format?: 'json' | Record<string, unknown>
  readonly options: SamplingOptions
  /** Fill-in-the-middle: the text after the insertion point; the last user message is the text before it. */
  readonly suffix?: string
  /** Log probabilities asked for (Ollama's `logprobs: true`); absent: not asked, and nothing is sent upstream. */
  readonly logprobs?: LogprobsRequest
}

export interface LogprobsRequest {
  /** How many most likely tokens to return at each position, 0–20 (Ollama's `top_logprobs`). */
  readonly top: number
}

/** Ollama's bounds of `top_logprobs` (server/routes.go: `req.TopLogprobs < 0 || req.TopLogprobs > 20`). */
export const MAX_TOP_LOGPROBS = 20
