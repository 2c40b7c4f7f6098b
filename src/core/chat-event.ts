/** The normalised event stream between every upstream parser and every writer. */

export type DoneReason = 'stop' | 'length'

export interface ToolCall {
  readonly id: string
  readonly name: string
  readonly arguments: Record<string, unknown>
}

export type ChatEvent =
  | { readonly type: 'text-delta', readonly text: string }
  | { readonly type: 'thinking-delta', readonly text: string }
  | { readonly type: 'tool-call', readonly toolCall: ToolCall }
  | { readonly type: 'usage', readonly promptTokens: number, readonly completionTokens: number }
  | { readonly type: 'finish', readonly reason: DoneReason }
  | { readonly type: 'error', readonly message: string }
