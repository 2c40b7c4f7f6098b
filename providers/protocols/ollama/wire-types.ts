import type { Logprob } from '../../../src/core/chat-event.js'

/**
 * Ollama's own API shapes, for passing requests through to a real Ollama server.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md (checked 2026-11)
 */

export interface OllamaWireToolCall {
  id?: string
  function: { index?: number, name: string, arguments: Record<string, unknown> | string }
}

export interface OllamaWireMessage {
  role: 'system' | 'user' | 'assistant' | 'tool'
  content: string
  thinking?: string
  images?: string[]
  tool_calls?: OllamaWireToolCall[]
  tool_name?: string
  tool_call_id?: string
}

export interface OllamaChatRequest {
  model: string
  messages: OllamaWireMessage[]
  stream: true
  tools?: Array<{ type: 'function', function: { name: string, description?: string, parameters?: unknown } }>
  think?: boolean | string
  format?: 'json' | Record<string, unknown>
  options?: Record<string, unknown>
  logprobs?: boolean
  top_logprobs?: number
}

export interface OllamaGenerateRequest {
  model: string
  prompt: string
  suffix?: string
  system?: string
  images?: string[]
  stream: true
  think?: boolean | string
  format?: 'json' | Record<string, unknown>
  options?: Record<string, unknown>
  logprobs?: boolean
  top_logprobs?: number
}

/** One NDJSON line of a streamed /api/chat (or /api/generate) answer, or an error line. */
export interface OllamaChatChunk {
  message?: { content?: string, thinking?: string, tool_calls?: OllamaWireToolCall[] | null }
  /** /api/generate's text and reasoning fields. */
  response?: string
  thinking?: string
  done?: boolean
  done_reason?: string
  prompt_eval_count?: number
  eval_count?: number
  load_duration?: number
  prompt_eval_duration?: number
  eval_duration?: number
  /** When asked for: already Ollama's entries, passed on as they are. */
  logprobs?: Logprob[] | null
  error?: string
}

/** An entry of GET /api/tags. */
export interface OllamaTagEntry {
  name?: string
  model?: string
  modified_at?: string
  size?: number
  digest?: string
  details?: { format?: string, family?: string, parameter_size?: string, quantization_level?: string, context_length?: number, embedding_length?: number }
  capabilities?: string[]
}
