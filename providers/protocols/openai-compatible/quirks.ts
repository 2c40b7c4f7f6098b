/**
 * What sets one OpenAI-compatible provider apart on the wire (its quirks), and the descriptor and
 * context types of the providers this protocol serves. Core knows nothing of these switches.
 */
import type { MaxTokensField, ModelCard, ProviderDescriptor } from '../../../src/core/capabilities.js'
import type { ProtocolContext } from '../../../src/core/protocol.js'

/** Sampling fields beyond OpenAI's that some providers accept (vLLM-style servers, DashScope, SiliconFlow). */
export type ExtraSamplingField = 'top_k' | 'min_p' | 'repetition_penalty'

/** What happens to a `thinking` string a client sends back in an assistant message of the history. */
export type ReasoningHistory =
  /** Not sent: most providers ignore or reject it (DashScope ignores it, DeepSeek R1 rejected it). */
  | 'drop'
  /** Sent as `reasoning_content` (DeepSeek V4 and Moonshot require it on tool-call turns). */
  | 'forward'

/** How a fill-in-the-middle request puts the text after the insertion point on the wire. */
export type FillInMiddlePrompt =
  /** `prompt` + `suffix` fields of the legacy completions endpoint (DeepSeek, SiliconFlow). */
  | 'suffix-field'
  /** One prompt with Qwen's `<|fim_prefix|>…<|fim_suffix|>…<|fim_middle|>` tokens (DashScope). */
  | 'qwen-fim-tokens'

/**
 * How a provider's API switches reasoning on and off:
 * - `reasoning-effort`: `reasoning_effort: low|medium|high` (OpenAI, Groq, xAI);
 * - `enable-thinking`: a top-level `enable_thinking` boolean (DashScope, SiliconFlow);
 * - `thinking-type`: `thinking: {type: enabled|disabled}` (DeepSeek, Volcengine Ark, Zhipu, Moonshot);
 * - `none`: no switch, the model thinks or not by itself.
 */
export const THINKING_CONTROLS = ['reasoning-effort', 'enable-thinking', 'thinking-type', 'none'] as const

export type ThinkingControl = typeof THINKING_CONTROLS[number]

/**
 * Whether a provider returns log probabilities (`logprobs`, `top_logprobs`):
 * - `supported`: asked for and mapped whenever a client asks (OpenAI's API; a model that has none answers its own error);
 * - `not-while-thinking`: only when the model does not think, i.e. it lacks `thinking` or the request turns it off
 *   (DeepSeek: "logprobs/top_logprobs raise an error" in thinking mode, which V4 is in by default);
 * - `unsupported`: never; a request that asks is refused before it is sent.
 */
export type LogprobsSupport = 'supported' | 'not-while-thinking' | 'unsupported'

/** The wire switches of one OpenAI-compatible provider, applied by this protocol's request mappers. */
export interface ProviderQuirks {
  readonly thinkingControl: ThinkingControl
  /** Whether the provider honours `stream_options.include_usage` (otherwise usage arrives on the finish chunk). */
  readonly streamUsageOption: boolean
  /**
   * Values the provider's `reasoning_effort` accepts, weakest first. Ollama's level maps to the same name,
   * else the next stronger one, else the strongest. With `thinking-type` or `enable-thinking` control it is
   * sent beside the switch only when set (DeepSeek: `['high', 'max']`). Default for `reasoning-effort`:
   * `['low', 'medium', 'high']`; otherwise none.
   */
  readonly reasoningEfforts?: readonly string[]
  /**
   * `enable-thinking` providers: `thinking_budget` tokens sent for each Ollama level (`think: true` sends none).
   * Default {low: 2048, medium: 8192, high: 16384, max: 32768}, within SiliconFlow's 128–32768; `false` sends none.
   */
  readonly thinkingBudgets?: Readonly<Record<'low' | 'medium' | 'high' | 'max', number>> | false
  /** Thinking sent back in history. Default `drop`. */
  readonly reasoningHistory?: ReasoningHistory
  /**
   * The provider accepts `response_format: {type: "json_schema"}`. Default false: a schema then goes as
   * `json_object` plus the schema in a system instruction, which every JSON-mode provider accepts.
   */
  readonly jsonSchemaOutput?: boolean
  /**
   * JSON mode fails unless a message contains the word "json" (OpenAI, DashScope, DeepSeek). Default true:
   * a short system instruction is added when no message mentions it.
   */
  readonly jsonModeNeedsJsonWord?: boolean
  /** Sampling fields beyond OpenAI's that the provider accepts; the rest are not sent. Default none. */
  readonly extraSampling?: readonly ExtraSamplingField[]
  /** Where `num_predict` goes. Default `max_tokens`. */
  readonly maxTokensField?: MaxTokensField
  /** Path of the legacy completions endpoint used for fill-in-the-middle, appended to the base URL. Default `/completions` (DeepSeek: `/beta/completions` on `https://api.deepseek.com`). */
  readonly fillInMiddlePath?: string
  /** How the suffix is sent on that endpoint. Default `suffix-field`. */
  readonly fillInMiddlePrompt?: FillInMiddlePrompt
  /** Whether log probabilities can be asked for. Default `supported`. */
  readonly logprobs?: LogprobsSupport
}

/** A provider on the OpenAI-compatible protocol: a descriptor with its wire switches. */
export interface OpenAiCompatibleDescriptor extends ProviderDescriptor {
  readonly protocol: 'openai-chat'
  readonly quirks: ProviderQuirks
}

/** What this protocol's request mappers read: the model's card and its provider's quirks. */
export interface OpenAiCompatibleContext extends ProtocolContext {
  readonly descriptor: OpenAiCompatibleDescriptor
  readonly card: ModelCard
}

/** Whether a registered descriptor is one of this protocol's: `protocol: 'openai-chat'` with a quirks object. */
export function isOpenAiCompatibleDescriptor (descriptor: ProviderDescriptor): descriptor is OpenAiCompatibleDescriptor {
  return descriptor.protocol === 'openai-chat' && 'quirks' in descriptor && typeof descriptor.quirks === 'object' && descriptor.quirks !== null
}

/**
 * The registry's context, seen by this protocol: the same descriptor and card, typed with the quirks.
 * Throws an Error when the provider has no quirks, which means a provider was registered with this
 * protocol without being defined on it (a wiring bug, never a client's or an upstream's fault).
 */
export function openAiCompatibleContext (context: ProtocolContext): OpenAiCompatibleContext {
  const { descriptor, card } = context
  if (!isOpenAiCompatibleDescriptor(descriptor)) throw new Error(`provider ${descriptor.id} is not defined on the OpenAI-compatible protocol (no quirks)`)
  return { descriptor, card }
}
