/** An OpenAI chat-completions body to the NormalisedChatRequest pieces, with Ollama's `/v1` rules and wording. */
import type { ChatMessage, ChatMessageToolCall, ThinkSetting, ToolDefinition } from '../core/chat-request.js'
import { InvalidRequestError } from '../errors.js'
import type { OpenAiChatRequest, OpenAiMessage } from '../schemas/openai.js'

/** Ollama's `/v1` accepts these data URL prefixes and no others. */
const DATA_URL = /^data:(image\/(jpeg|jpg|png|webp))?;base64,/
const ROLES = new Set(['system', 'user', 'assistant', 'tool'])

export function readOpenAiMessages (messages: readonly OpenAiMessage[]): ChatMessage[] {
  if (messages.length === 0) throw new InvalidRequestError("[] is too short - 'messages'")
  const toolNames = new Map<string, string>()
  return messages.map((message) => {
    // OpenAI's newer name for the system role.
    const role = message.role.toLowerCase() === 'developer' ? 'system' : message.role.toLowerCase()
    if (!ROLES.has(role)) throw new InvalidRequestError(`invalid message role: "${message.role}"`)
    const { text, images } = readContent(message.content)
    const result: { -readonly [K in keyof ChatMessage]: ChatMessage[K] } = { role: role as ChatMessage['role'], content: text }
    if (images.length > 0) result.images = images
    if (message.reasoning) result.thinking = message.reasoning
    if (message.tool_calls !== undefined && message.tool_calls !== null && message.tool_calls.length > 0) {
      result.toolCalls = message.tool_calls.map((call) => {
        const parsed = readToolCall(call.function.name, call.function.arguments, call.id)
        if (call.id) toolNames.set(call.id, call.function.name)
        return parsed
      })
    }
    if (role === 'tool') {
      if (message.tool_call_id) result.toolCallId = message.tool_call_id
      // The tool's name comes from `name`, or from the earlier call this result answers.
      const toolName = message.name ?? (message.tool_call_id ? toolNames.get(message.tool_call_id) : undefined)
      if (toolName) result.toolName = toolName
    }
    return result
  })
}

/** Text parts are joined and images gathered, so the upstream gets one message per client message. */
function readContent (content: OpenAiMessage['content']): { text: string, images: string[] } {
  if (content === undefined || content === null) return { text: '', images: [] }
  if (typeof content === 'string') return { text: content, images: [] }
  const texts: string[] = []
  const images: string[] = []
  for (const part of content as Array<Record<string, unknown>>) {
    if (part.type === 'text') {
      if (typeof part.text !== 'string') throw new InvalidRequestError('invalid message format')
      texts.push(part.text)
    } else if (part.type === 'image_url') {
      images.push(readImageUrl(part.image_url))
    } else {
      throw new InvalidRequestError('invalid message format')
    }
  }
  return { text: texts.join('\n'), images }
}

/** A data URL (jpeg, png, webp or no type) to bare base64 image data, with Ollama's `/v1` wording for anything else. */
export function readImageUrl (imageUrl: unknown): string {
  const url = typeof imageUrl === 'string' ? imageUrl : (imageUrl as { url?: unknown } | null)?.url
  if (typeof url !== 'string') throw new InvalidRequestError('invalid image input')
  if (url.startsWith('http://') || url.startsWith('https://')) {
    throw new InvalidRequestError('image URLs are not currently supported, please use base64 encoded data instead')
  }
  const prefix = DATA_URL.exec(url)
  if (prefix === null) throw new InvalidRequestError('invalid image input')
  const data = url.slice(prefix[0].length)
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw new InvalidRequestError('invalid image input')
  return data
}

function readToolCall (name: string, text: string | undefined, id: string | undefined): ChatMessageToolCall {
  let parsed: unknown = {}
  if (text !== undefined && text.trim() !== '') {
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new InvalidRequestError('invalid tool call arguments')
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidRequestError('invalid tool call arguments')
  return { ...(id ? { id } : {}), name, arguments: parsed as Record<string, unknown> }
}

export function readOpenAiTools (tools: OpenAiChatRequest['tools']): ToolDefinition[] {
  return (tools ?? []).map((tool) => ({
    name: tool.function.name,
    ...(tool.function.description === undefined ? {} : { description: tool.function.description }),
    ...(tool.function.parameters === undefined ? {} : { parameters: tool.function.parameters })
  }))
}

/** `reasoning_effort` (or `reasoning.effort`) to Ollama's `think`, with Ollama's level mapping. */
export function readReasoningEffort (effort: string | null | undefined): ThinkSetting | undefined {
  if (effort === undefined || effort === null) return undefined
  switch (effort) {
    case 'none': return false
    case 'minimal': return 'low'
    case 'low':
    case 'medium':
    case 'high':
    case 'max':
      return effort
    case 'xhigh':
    case 'ultra':
      return 'max'
    default:
      throw new InvalidRequestError(`invalid reasoning value: "${effort}" (must be "minimal", "low", "medium", "high", "xhigh", "ultra", "max", or "none")`)
  }
}

export function readResponseFormat (format: OpenAiChatRequest['response_format']): 'json' | Record<string, unknown> | undefined {
  if (format === undefined || format === null) return undefined
  if (format.type === 'json_object') return 'json'
  if (format.type === 'json_schema') {
    const schema = format.json_schema?.schema
    return schema === undefined ? 'json' : schema
  }
  return undefined
}

/** The sampling fields both `/v1` endpoints share, as Ollama option names, so a model's preset options can sit under them. */
export function readOpenAiOptions (body: {
  temperature?: number | null
  top_p?: number | null
  max_tokens?: number | null
  max_completion_tokens?: number | null
  stop?: string | string[] | null
  seed?: number | null
  frequency_penalty?: number | null
  presence_penalty?: number | null
}): Record<string, unknown> {
  const options: Record<string, unknown> = {}
  if (typeof body.temperature === 'number') options.temperature = body.temperature
  if (typeof body.top_p === 'number' && body.top_p !== 0) options.top_p = body.top_p
  const maxTokens = body.max_tokens ?? body.max_completion_tokens
  if (typeof maxTokens === 'number') options.num_predict = maxTokens
  if (typeof body.stop === 'string') options.stop = [body.stop]
  else if (Array.isArray(body.stop)) options.stop = body.stop
  if (typeof body.seed === 'number') options.seed = body.seed
  if (typeof body.frequency_penalty === 'number') options.frequency_penalty = body.frequency_penalty
  if (typeof body.presence_penalty === 'number') options.presence_penalty = body.presence_penalty
  return options
}
