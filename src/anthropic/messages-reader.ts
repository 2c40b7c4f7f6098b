/**
 * The Anthropic dialect's reader: a Messages body to a DialectRequest, with the checks and wording of
 * Ollama's `anthropic.FromMessagesRequest` and `middleware.AnthropicMessagesMiddleware` (github.com/ollama/ollama).
 * Request headers carry nothing an upstream needs: `anthropic-version` and `anthropic-beta` are accepted and
 * ignored, and the client's key is checked by plugins/client-auth.ts.
 */
import type { ChatMessage, ChatMessageToolCall, NormalisedChatRequest, ThinkSetting, ToolDefinition } from '../core/chat-request.js'
import type { DialectRequest } from '../core/dialect.js'
import { InvalidRequestError, ModelRequiredError } from '../errors.js'
import { readOptions } from '../core/ollama-options.js'
import type { AnthropicContentBlockParam, AnthropicCountTokensRequest, AnthropicMessagesRequest } from '../schemas/anthropic.js'

type MutableMessage = { -readonly [K in keyof ChatMessage]: ChatMessage[K] }

/** What `/v1/messages/count_tokens` reads too: the conversation, its tools and its switches, no sampling. */
export interface AnthropicConversation {
  readonly messages: ChatMessage[]
  readonly tools: ToolDefinition[]
  readonly think?: ThinkSetting
  /** `output_config.format` of type `json_schema`: its schema. */
  readonly format?: Record<string, unknown>
}

/**
 * Throws InvalidRequestError (400) in Ollama's order: `model is required`, `max_tokens is required and must be positive`,
 * `messages is required`, then whatever a block or tool gets wrong. `chat.options.ollamaOptions` holds the sampling
 * fields under Ollama's option names (num_predict, temperature, top_p, top_k, stop), so a preset can sit under them.
 */
export function readMessagesRequest (body: AnthropicMessagesRequest): DialectRequest {
  if (body.model === undefined || body.model === '') throw new ModelRequiredError()
  if (typeof body.max_tokens !== 'number' || body.max_tokens <= 0) throw new InvalidRequestError('max_tokens is required and must be positive')
  if (body.messages === undefined || body.messages.length === 0) throw new InvalidRequestError('messages is required')
  const conversation = readConversation(body)
  const options: Record<string, unknown> = { num_predict: body.max_tokens }
  if (body.temperature !== undefined) options.temperature = body.temperature
  if (body.top_p !== undefined) options.top_p = body.top_p
  if (body.top_k !== undefined) options.top_k = body.top_k
  if (body.stop_sequences !== undefined && body.stop_sequences.length > 0) options.stop = body.stop_sequences
  const chat: NormalisedChatRequest = {
    messages: conversation.messages,
    options: readOptions(options),
    ...(conversation.tools.length > 0 ? { tools: conversation.tools } : {}),
    ...(conversation.think === undefined ? {} : { think: conversation.think }),
    ...(conversation.format === undefined ? {} : { format: conversation.format })
  }
  return { model: body.model, chat, stream: body.stream === true }
}

/** The system prompt, messages, tools and thinking switch of a Messages or count_tokens body. */
export function readConversation (body: AnthropicCountTokensRequest): AnthropicConversation {
  const messages: ChatMessage[] = []
  const system = readSystem(body.system)
  if (system !== '') messages.push({ role: 'system', content: system })
  // tool_result blocks name the tool_use they answer; providers without call ids (Gemini) want the tool's name.
  const toolNames = new Map<string, string>()
  ;(body.messages ?? []).forEach((message, index) => {
    const role = message.role.toLowerCase()
    if (role !== 'user' && role !== 'assistant') throw new InvalidRequestError(`messages.${index}.role: Input should be 'user' or 'assistant'`)
    const blocks: AnthropicContentBlockParam[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content
    messages.push(...readMessage(role, blocks, toolNames))
  })
  const think = readThink(body.thinking, body.output_config?.effort)
  const format = readFormat(body.output_config?.format)
  return {
    messages,
    tools: (body.tools ?? []).map(readTool),
    ...(think === undefined ? {} : { think }),
    ...(format === undefined ? {} : { format })
  }
}

/** A string, or text blocks joined by a blank line; `cache_control` and other block types are ignored. */
function readSystem (system: AnthropicCountTokensRequest['system']): string {
  if (system === undefined) return ''
  if (typeof system === 'string') return system
  const blocks: readonly AnthropicContentBlockParam[] = system
  return blocks.flatMap((block) => block.type === 'text' && typeof block.text === 'string' && block.text !== '' ? [block.text] : []).join('\n\n')
}

/**
 * One Anthropic message to Ollama messages: a user turn's tool_result blocks become `tool` messages ahead of
 * its text and images; an assistant turn keeps its thinking (with the signature when there is exactly one
 * signed block), redacted thinking, text and tool calls. Text blocks are joined by a newline. Unknown block
 * types are skipped, as Ollama does.
 */
function readMessage (role: 'user' | 'assistant', blocks: readonly AnthropicContentBlockParam[], toolNames: Map<string, string>): ChatMessage[] {
  const texts: string[] = []
  const images: string[] = []
  const toolCalls: ChatMessageToolCall[] = []
  const toolResults: ChatMessage[] = []
  const thinking: string[] = []
  const signatures: string[] = []
  const redacted: string[] = []
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        if (typeof block.text === 'string' && block.text !== '') texts.push(block.text)
        break
      case 'image':
        images.push(readImage(block.source, 'invalid image source'))
        break
      case 'tool_use': {
        if (typeof block.id !== 'string' || block.id === '') throw new InvalidRequestError("tool_use block missing required 'id' field")
        if (typeof block.name !== 'string' || block.name === '') throw new InvalidRequestError("tool_use block missing required 'name' field")
        toolNames.set(block.id, block.name)
        toolCalls.push({ id: block.id, name: block.name, arguments: isObject(block.input) ? block.input : {} })
        break
      }
      case 'tool_result':
        toolResults.push(readToolResult(block, toolNames))
        break
      case 'thinking':
        if (typeof block.thinking === 'string') thinking.push(block.thinking)
        if (typeof block.signature === 'string' && block.signature !== '') signatures.push(block.signature)
        break
      case 'redacted_thinking':
        if (typeof block.data === 'string' && block.data !== '') redacted.push(block.data)
        break
    }
  }
  const message: MutableMessage = { role, content: texts.join('\n') }
  if (images.length > 0) message.images = images
  if (toolCalls.length > 0) message.toolCalls = toolCalls
  const thought = thinking.join('')
  if (thought !== '') message.thinking = thought
  // One signature signs one block: several blocks joined into one text would no longer match any of them.
  if (role === 'assistant' && signatures.length === 1 && thinking.length === 1) message.thinkingSignature = signatures[0]
  if (role === 'assistant' && redacted.length > 0) message.redactedThinking = redacted
  const hasMessage = message.content !== '' || images.length > 0 || toolCalls.length > 0 || thought !== '' || message.redactedThinking !== undefined
  if (!hasMessage) return toolResults
  return role === 'user' ? [...toolResults, message] : [message, ...toolResults]
}

/**
 * A tool_result block: string content, or text and image blocks. `is_error` has no field of its own in the
 * normalised request, so the result text says it (`Error: …`), which every provider's model reads.
 */
function readToolResult (block: AnthropicContentBlockParam, toolNames: ReadonlyMap<string, string>): ChatMessage {
  const texts: string[] = []
  const images: string[] = []
  if (typeof block.content === 'string') {
    texts.push(block.content)
  } else if (Array.isArray(block.content)) {
    for (const part of block.content as unknown[]) {
      if (!isObject(part)) continue
      if (part.type === 'text' && typeof part.text === 'string') texts.push(part.text)
      if (part.type === 'image') images.push(readImage(part.source, 'invalid tool_result image source'))
    }
  }
  const text = texts.join('\n')
  const message: MutableMessage = { role: 'tool', content: block.is_error === true ? `Error: ${text}` : text }
  if (images.length > 0) message.images = images
  if (typeof block.tool_use_id === 'string' && block.tool_use_id !== '') {
    message.toolCallId = block.tool_use_id
    const name = toolNames.get(block.tool_use_id)
    if (name !== undefined) message.toolName = name
  }
  return message
}

/**
 * A base64 image source's data, newlines removed. Ollama takes no other source: URL sources answer its
 * 400, since the normalised request carries image bytes only.
 */
function readImage (source: unknown, missing: string): string {
  if (!isObject(source)) throw new InvalidRequestError(missing)
  if (source.type !== 'base64') throw new InvalidRequestError(`invalid image source type: ${String(source.type)}. Only base64 images are supported.`)
  const data = typeof source.data === 'string' ? source.data.replace(/[\r\n]/g, '') : ''
  const invalidAt = data.search(/[^A-Za-z0-9+/=]/)
  const badPadding = data.length % 4 !== 0 || /=[^=]/.test(data)
  // Go's base64 decoder wording, as Ollama answers it.
  if (invalidAt >= 0 || badPadding) throw new InvalidRequestError(`invalid base64 image data: illegal base64 data at input byte ${invalidAt >= 0 ? invalidAt : data.length}`)
  return data
}

/** Custom tools only: server tools (web search, code execution…) run on Anthropic's side and have no equivalent here. */
function readTool (tool: NonNullable<AnthropicCountTokensRequest['tools']>[number]): ToolDefinition {
  if (tool.type !== undefined && tool.type !== 'custom') {
    throw new InvalidRequestError(`tool type "${tool.type}" is not supported: this server takes custom tools (name, description, input_schema) only`)
  }
  if (tool.input_schema !== undefined && !isObject(tool.input_schema)) throw new InvalidRequestError(`invalid input_schema for tool "${tool.name}": not a JSON object`)
  return {
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    ...(tool.input_schema === undefined ? {} : { parameters: tool.input_schema })
  }
}

const EFFORTS = new Set(['low', 'medium', 'high', 'max'])

/**
 * `thinking` and `output_config.effort` to Ollama's `think`. `disabled` is false; `enabled` is the level nearest its
 * `budget_tokens` (Anthropic's own budgets per level, 2,048 / 8,192 / 16,384 / 32,000, split at their geometric
 * midpoints), or true without one; `adaptive` is the effort, or true. Without `thinking`, a known effort is the
 * level, as in Ollama; `xhigh` counts as `high` there, and unknown efforts are ignored.
 */
export function readThink (thinking: AnthropicCountTokensRequest['thinking'], effort: string | undefined): ThinkSetting | undefined {
  const normalised = effort?.trim().toLowerCase()
  const level = normalised === 'xhigh' ? 'high' : normalised !== undefined && EFFORTS.has(normalised) ? normalised as ThinkSetting : undefined
  switch (thinking?.type) {
    case 'disabled':
      return false
    case 'enabled':
      return thinking.budget_tokens === undefined ? true : levelForBudget(thinking.budget_tokens)
    case 'adaptive':
      return level ?? true
    default:
      return level
  }
}

function levelForBudget (budget: number): ThinkSetting {
  if (budget < 4096) return 'low'
  if (budget < 11_585) return 'medium'
  if (budget < 22_627) return 'high'
  return 'max'
}

function readFormat (format: NonNullable<AnthropicCountTokensRequest['output_config']>['format']): Record<string, unknown> | undefined {
  if (format?.type !== 'json_schema' || !isObject(format.schema)) return undefined
  return format.schema
}

function isObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
