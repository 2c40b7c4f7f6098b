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

export type ChatEvent =
  | { readonly type: 'text-delta', readonly text: string }
  | { readonly type: 'thinking-delta', readonly text: string }
  /**
   * The provider's opaque proof of the thinking just streamed (Anthropic's `signature_delta`), or a whole
   * redacted thinking block (`redacted: true`, its `data`): a client that carries it sends it back in history.
   */
  | { readonly type: 'thinking-signature', readonly signature: string, readonly redacted?: boolean }
  | { readonly type: 'tool-call', readonly toolCall: ToolCall }
  | { readonly type: 'usage', readonly promptTokens: number, readonly completionTokens: number, readonly durations?: UpstreamDurations }
  | { readonly type: 'finish', readonly reason: DoneReason }
  | { readonly type: 'error', readonly message: string }
