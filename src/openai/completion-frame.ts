/** What every chunk of one `/v1` answer shares, and the pieces of OpenAI's answer objects built from ChatEvents. */
import type { DoneReason, ToolCall } from '../core/chat-event.js'
import { randomId } from '../core/random-id.js'
import type { OpenAiAnswerToolCall, OpenAiChatCompletion, OpenAiChatCompletionChunk, OpenAiTextCompletion, OpenAiTextCompletionChunk, OpenAiUsage } from '../schemas/openai-answers.js'

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

export function toOpenAiToolCall (toolCall: ToolCall, index: number): OpenAiAnswerToolCall {
  return { id: toolCall.id, index, type: 'function', function: { name: toolCall.name, arguments: JSON.stringify(toolCall.arguments) } }
}

/** A tool-call turn that ended normally is reported as `tool_calls`, as OpenAI does. */
export function finishReason (reason: DoneReason, sawToolCalls: boolean): 'stop' | 'length' | 'tool_calls' {
  return reason === 'stop' && sawToolCalls ? 'tool_calls' : reason
}

export function usageOf (promptTokens: number, completionTokens: number): OpenAiUsage {
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens }
}

/** The `object` of each answer and chunk: a text completion's chunks are `text_completion` too. */
export type CompletionObject = (OpenAiChatCompletion | OpenAiChatCompletionChunk | OpenAiTextCompletion | OpenAiTextCompletionChunk)['object']

/** Fields every answer object and chunk starts with, in Ollama's order (the schemas' `header()`), `object` narrowed to one. */
export type FrameHeader<Kind extends CompletionObject> = Omit<OpenAiChatCompletion, 'object' | 'choices' | 'usage'> & { object: Kind }

export function frameHeader<Kind extends CompletionObject> (frame: CompletionFrame, object: Kind): FrameHeader<Kind> {
  return { id: frame.id, object, created: frame.kind === 'text' ? Math.floor(Date.now() / 1000) : frame.created, model: frame.model, system_fingerprint: 'fp_ollama' }
}
