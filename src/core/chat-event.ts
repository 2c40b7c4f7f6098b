/** The normalised event stream between every upstream parser and every writer. */

export type DoneReason = 'stop' | 'length'

export interface ToolCall {
  readonly id: string
  readonly name: string
  readonly arguments: Record<string, unknown>
  /** The provider's opaque reasoning signature bound to this call (Gemini's `thoughtSignature`), to be sent back with it. */
  readonly signature?: string
}

/** Nanosecond timings an upstream measured itself (a real Ollama server does); they replace our estimates. */
export interface UpstreamDurations {
  readonly loadNs?: number
  readonly promptEvalNs?: number
  readonly evalNs?: number
}

/**
 * One token's log probability, in the shape Ollama writes it (`api.TokenLogprob`, api/types.go) on its native
 * answers and inside `choices[].logprobs.content` of its `/v1` layer, so writers pass it on untouched.
 * `bytes`: the token's UTF-8 bytes.
 */
export interface TokenLogprob {
  readonly token: string
  /** Natural log of the token's probability (≤ 0). */
  readonly logprob: number
  bytes?: number[]
}

/** A generated token's log probability and, when asked for, the most likely tokens at its position (`api.Logprob`). */
export interface Logprob extends TokenLogprob {
  top_logprobs?: TokenLogprob[]
}

export type ChatEvent =
  | { readonly type: 'text-delta', readonly text: string }
  | { readonly type: 'thinking-delta', readonly text: string }
  /**
   * The provider's opaque proof of the thinking just streamed (Anthropic's `signature_delta`), or a whole
   * redacted thinking block (`redacted: true`, its `data`): a client that carries it sends it back in history.
   */
  | { readonly type: 'thinking-signature', readonly signature: string, readonly redacted?: boolean }
  | { readonly type: 'tool-call', readonly toolCall: ToolCall }
  /**
   * Log probabilities of tokens about to be sent (only when the request asked for them): the mapper emits them before
   * the text delta they describe, so a writer attaches them to the next piece it writes (or to the last one).
   */
  | { readonly type: 'logprobs', readonly logprobs: Logprob[] }
  | { readonly type: 'usage', readonly promptTokens: number, readonly completionTokens: number, readonly durations?: UpstreamDurations }
  | { readonly type: 'finish', readonly reason: DoneReason }
  | { readonly type: 'error', readonly message: string }
