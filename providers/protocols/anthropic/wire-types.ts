/**
 * Anthropic Messages API wire shapes, as far as the adapter sends and reads them.
 * @see https://docs.claude.com/en/api/messages (checked 2026-11)
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming (checked 2026-11)
 */

export type AnthropicThinkingBlock =
  | { type: 'thinking', thinking: string, signature: string }
  | { type: 'redacted_thinking', data: string }

export type AnthropicContentBlock =
  | { type: 'text', text: string }
  | { type: 'image', source: { type: 'base64', media_type: string, data: string } }
  | { type: 'tool_use', id: string, name: string, input: Record<string, unknown> }
  | { type: 'tool_result', tool_use_id: string, content: string }
  | AnthropicThinkingBlock

export interface AnthropicMessage {
  role: 'user' | 'assistant'
  content: AnthropicContentBlock[]
}

export type AnthropicThinkingConfig =
  | { type: 'enabled', budget_tokens: number }
  | { type: 'adaptive', display?: 'summarized' | 'omitted' }
  | { type: 'disabled' }

export interface AnthropicRequest {
  model: string
  max_tokens: number
  messages: AnthropicMessage[]
  stream: true
  system?: string
  tools?: Array<{ name: string, description?: string, input_schema: unknown }>
  temperature?: number
  top_p?: number
  top_k?: number
  stop_sequences?: string[]
  thinking?: AnthropicThinkingConfig
  output_config?: { effort?: 'low' | 'medium' | 'high' | 'max', format?: { type: 'json_schema', schema: unknown } }
}

export interface AnthropicUsage {
  input_tokens?: number | null
  output_tokens?: number | null
  cache_creation_input_tokens?: number | null
  cache_read_input_tokens?: number | null
}

/** One `data:` payload of the event stream; `type` repeats the SSE `event:` name. */
export type AnthropicStreamEvent =
  | { type: 'message_start', message: { usage?: AnthropicUsage } }
  | { type: 'content_block_start', index: number, content_block: { type: string, text?: string, thinking?: string, signature?: string, data?: string, id?: string, name?: string, input?: unknown } }
  | { type: 'content_block_delta', index: number, delta: { type: string, text?: string, thinking?: string, signature?: string, partial_json?: string } }
  | { type: 'content_block_stop', index: number }
  | { type: 'message_delta', delta: { stop_reason?: string | null }, usage?: AnthropicUsage }
  | { type: 'message_stop' }
  | { type: 'ping' }
  | { type: 'error', error: { type?: string, message?: string } }

export interface AnthropicErrorBody {
  type: 'error'
  error: { type?: string, message?: string }
}
