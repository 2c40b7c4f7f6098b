/**
 * Field-level readers for Ollama request bodies: `think`, `format`, messages, tools, with Ollama's error wording.
 * `options` are read by src/core/ollama-options.ts, since alias presets carry Ollama options for every dialect.
 */
import type { ChatMessage, ChatMessageToolCall, ThinkSetting, ToolDefinition } from '../core/chat-request.js'
import { InvalidRequestError } from '../errors.js'
import type { OllamaMessage } from '../schemas/common.js'
import { invalidFormat } from './decode-errors.js'

const THINK_LEVELS = new Set(['low', 'medium', 'high', 'max'])
const ROLES = new Set(['system', 'user', 'assistant', 'tool'])

export function readThink (value: boolean | string | null | undefined): ThinkSetting | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'boolean') return value
  if (THINK_LEVELS.has(value)) return value as ThinkSetting
  throw new InvalidRequestError(`invalid think value: "${value}" (must be "high", "medium", "low", "max", true, or false)`)
}

export function readFormat (value: string | Record<string, unknown> | undefined): 'json' | Record<string, unknown> | undefined {
  if (value === undefined || value === '') return undefined
  if (value === 'json') return 'json'
  if (typeof value === 'string') throw invalidFormat(value)
  return value
}

export function readMessages (messages: readonly OllamaMessage[]): ChatMessage[] {
  return messages.map((message) => {
    const role = message.role.toLowerCase()
    if (!ROLES.has(role)) throw new InvalidRequestError(`invalid message role: "${message.role}"`)
    const result: { -readonly [K in keyof ChatMessage]: ChatMessage[K] } = { role: role as ChatMessage['role'], content: message.content ?? '' }
    if (message.thinking) result.thinking = message.thinking
    if (message.images !== undefined && message.images !== null && message.images.length > 0) result.images = message.images
    if (message.tool_calls !== undefined && message.tool_calls !== null && message.tool_calls.length > 0) result.toolCalls = message.tool_calls.map(readToolCall)
    if (message.tool_name) result.toolName = message.tool_name
    if (message.tool_call_id) result.toolCallId = message.tool_call_id
    return result
  })
}

function readToolCall (call: NonNullable<OllamaMessage['tool_calls']>[number]): ChatMessageToolCall {
  let args = call.function.arguments
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args) as Record<string, unknown>
    } catch {
      throw new InvalidRequestError('invalid tool call arguments')
    }
  }
  return { ...(call.id ? { id: call.id } : {}), name: call.function.name, arguments: args }
}

export function readTools (tools: ReadonlyArray<{ function: { name: string, description?: string, parameters?: unknown } }> | null | undefined): ToolDefinition[] {
  return (tools ?? []).map((tool) => ({
    name: tool.function.name,
    ...(tool.function.description === undefined ? {} : { description: tool.function.description }),
    ...(tool.function.parameters === undefined ? {} : { parameters: tool.function.parameters })
  }))
}
