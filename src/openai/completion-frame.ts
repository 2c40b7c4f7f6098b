/** What every chunk of one `/v1` answer shares, and the pieces of OpenAI's answer objects built from ChatEvents. */
import type { DoneReason, ToolCall } from '../core/chat-event.js'
import { randomId } from '../core/random-id.js'

export type CompletionKind = 'chat' | 'text'

export interface CompletionFrame {
  readonly kind: CompletionKind
  /** `chatcmpl-` or `cmpl-` and 29 random alphanumerics, as OpenAI's ids look (Ollama's `<0..998>` collided). */
  readonly id: string
  /** Unix seconds. */
  readonly created: number
  /** The model name as the client sent it. */
  readonly model: string
}

export function newCompletionFrame (kind: CompletionKind, model: string): CompletionFrame {
  return { kind, id: randomId(kind === 'chat' ? 'chatcmpl-' : 'cmpl-', 29), created: Math.floor(Date.now() / 1000), model }
}

export interface OpenAiToolCall {
  id: string
  index: number
  type: 'function'
  function: { name: string, arguments: string }
}

export function toOpenAiToolCall (toolCall: ToolCall, index: number): OpenAiToolCall {
  return { id: toolCall.id, index, type: 'function', function: { name: toolCall.name, arguments: JSON.stringify(toolCall.arguments) } }
}

/** A tool-call turn that ended normally is reported as `tool_calls`, as OpenAI does. */
export function finishReason (reason: DoneReason, sawToolCalls: boolean): 'stop' | 'length' | 'tool_calls' {
  return reason === 'stop' && sawToolCalls ? 'tool_calls' : reason
}

export function usageOf (promptTokens: number, completionTokens: number) {
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens }
}

/** Fields every answer object and chunk starts with, in Ollama's order. */
export function frameHeader (frame: CompletionFrame, object: string) {
  return { id: frame.id, object, created: frame.kind === 'text' ? Math.floor(Date.now() / 1000) : frame.created, model: frame.model, system_fingerprint: 'fp_ollama' }
}
