/**
 * A Responses `input` item list to normalised chat messages. Consecutive assistant-side items
 * (`reasoning`, assistant `message`, `function_call`) make one assistant turn, as a chat history has
 * it; `function_call_output` items become tool messages. Reasoning state a `reasoning` item carries in
 * `encrypted_content` goes back onto that turn (thinking, its signature, redacted blocks, per-call
 * signatures). Item and part wording follows Ollama's `openai/responses.go`.
 */
import type { ChatMessage, ChatMessageToolCall } from '../core/chat-request.js'
import { InvalidRequestError } from '../errors.js'
import { readImageUrl } from '../openai/from-openai-chat.js'
import { decodeReasoningState } from './reasoning-state.js'

type Item = Readonly<Record<string, unknown>>

interface AssistantTurn {
  readonly content: string[]
  thinking: string
  thinkingSignature?: string
  readonly redactedThinking: string[]
  readonly toolCalls: ChatMessageToolCall[]
  readonly callSignatures: Map<string, string>
}

const INPUT_ROLES: Readonly<Record<string, ChatMessage['role']>> = { user: 'user', system: 'system', developer: 'system' }

/** Throws InvalidRequestError (400) naming the item (`input[3]`) for anything this server cannot read. */
export function readInputItems (items: readonly Item[]): ChatMessage[] {
  const messages: ChatMessage[] = []
  const toolNames = new Map<string, string>()
  let turn: AssistantTurn | undefined
  const openTurn = (): AssistantTurn => {
    turn ??= { content: [], thinking: '', redactedThinking: [], toolCalls: [], callSignatures: new Map() }
    return turn
  }
  const closeTurn = (): void => {
    if (turn !== undefined) messages.push(assistantMessage(turn))
    turn = undefined
  }
  items.forEach((item, index) => {
    const where = `input[${index}]`
    // A bare {role, content} is a message, as OpenAI and Ollama accept it.
    const type = typeof item.type === 'string' ? item.type : (typeof item.role === 'string' ? 'message' : undefined)
    switch (type) {
      case 'message': {
        const role = item.role
        const { text, images } = readContent(item.content, where)
        if (role === 'assistant') {
          if (images.length > 0) throw new InvalidRequestError(`${where}: an assistant message cannot carry images`)
          if (text !== '') openTurn().content.push(text)
          return
        }
        const mapped = typeof role === 'string' ? INPUT_ROLES[role] : undefined
        if (mapped === undefined) throw new InvalidRequestError(`${where}: invalid message role: ${JSON.stringify(role)}`)
        closeTurn()
        messages.push({ role: mapped, content: text, ...(images.length > 0 ? { images } : {}) })
        return
      }
      case 'reasoning':
        readReasoning(item, where, openTurn())
        return
      case 'function_call': {
        const callId = requiredString(item.call_id, `${where}.call_id`)
        const name = requiredString(item.name, `${where}.name`)
        toolNames.set(callId, name)
        openTurn().toolCalls.push({ id: callId, name, arguments: readArguments(item.arguments, where) })
        return
      }
      case 'function_call_output': {
        const callId = requiredString(item.call_id, `${where}.call_id`)
        closeTurn()
        const { text, images } = typeof item.output === 'string' ? { text: item.output, images: [] } : readContent(item.output, `${where}.output`)
        const toolName = toolNames.get(callId)
        messages.push({ role: 'tool', content: text, toolCallId: callId, ...(toolName === undefined ? {} : { toolName }), ...(images.length > 0 ? { images } : {}) })
        return
      }
      case 'web_search_call':
        // History of a search another server ran; the assistant message after it carries what the model saw (as Ollama).
        return
      case 'item_reference':
        throw new InvalidRequestError(`${where}: item_reference needs stored responses, and this server is stateless: send the items themselves`)
      case undefined:
        throw new InvalidRequestError(`${where}: input item missing required 'type' field`)
      default:
        throw new InvalidRequestError(`${where}: unknown input item type: ${JSON.stringify(type)}`)
    }
  })
  closeTurn()
  return messages
}

function assistantMessage (turn: AssistantTurn): ChatMessage {
  const toolCalls = turn.toolCalls.map((call) => {
    const signature = call.id === undefined ? undefined : turn.callSignatures.get(call.id)
    return signature === undefined ? call : { ...call, signature }
  })
  return {
    role: 'assistant',
    content: turn.content.join('\n'),
    ...(turn.thinking === '' ? {} : { thinking: turn.thinking }),
    ...(turn.thinkingSignature === undefined ? {} : { thinkingSignature: turn.thinkingSignature }),
    ...(turn.redactedThinking.length > 0 ? { redactedThinking: turn.redactedThinking } : {}),
    ...(toolCalls.length > 0 ? { toolCalls } : {})
  }
}

/**
 * Our own state restores the exact thinking and its signatures; any other `encrypted_content` (real
 * OpenAI's, Ollama's plain text) is not ours to read, so the visible summary or reasoning text stands in.
 * One turn holds one signed thinking block: a later signed block in the same turn is dropped rather
 * than sent with a signature that no longer covers the text.
 */
function readReasoning (item: Item, where: string, turn: AssistantTurn): void {
  const encrypted = item.encrypted_content
  if (encrypted !== undefined && encrypted !== null && typeof encrypted !== 'string') throw new InvalidRequestError(`${where}.encrypted_content must be a string`)
  const state = typeof encrypted === 'string' && encrypted !== '' ? decodeReasoningState(encrypted, where) : undefined
  const text = state?.thinking ?? visibleReasoning(item, where)
  for (const [callId, signature] of state?.callSignatures ?? []) turn.callSignatures.set(callId, signature)
  turn.redactedThinking.push(...(state?.redactedThinking ?? []))
  if (turn.thinkingSignature !== undefined) return
  if (state?.thinkingSignature !== undefined) {
    if (turn.thinking !== '') return
    turn.thinkingSignature = state.thinkingSignature
  }
  turn.thinking += text
}

/** The summary texts (or, failing those, the reasoning_text parts) of a reasoning item, joined. */
function visibleReasoning (item: Item, where: string): string {
  const texts = (field: 'summary' | 'content'): string[] => {
    const parts = item[field]
    if (parts === undefined || parts === null) return []
    if (!Array.isArray(parts)) throw new InvalidRequestError(`${where}.${field} must be an array`)
    return parts.map((part: unknown, index) => {
      const text = (part as { text?: unknown } | null)?.text
      if (typeof text !== 'string') throw new InvalidRequestError(`${where}.${field}[${index}].text must be a string`)
      return text
    })
  }
  const summary = texts('summary')
  return (summary.length > 0 ? summary : texts('content')).join('\n\n')
}

/** A message's or a tool output's content: a string, or input_text / output_text / input_image parts. */
function readContent (content: unknown, where: string): { text: string, images: string[] } {
  if (content === undefined || content === null) return { text: '', images: [] }
  if (typeof content === 'string') return { text: content, images: [] }
  if (!Array.isArray(content)) throw new InvalidRequestError(`${where}: content must be a string or array`)
  const texts: string[] = []
  const images: string[] = []
  content.forEach((part: unknown, index) => {
    const at = `${where}.content[${index}]`
    const fields = (typeof part === 'object' && part !== null ? part : {}) as Record<string, unknown>
    switch (fields.type) {
      case 'input_text':
      case 'output_text':
        texts.push(requiredString(fields.text, `${at}.text`))
        return
      case 'refusal':
        texts.push(requiredString(fields.refusal, `${at}.refusal`))
        return
      case 'input_image':
        if (typeof fields.image_url !== 'string' || fields.image_url === '') {
          throw new InvalidRequestError(`${at}: images by file_id need stored files, and this server stores none: send image_url as a base64 data URL`)
        }
        images.push(readImageUrl(fields.image_url))
        return
      case 'input_file':
        throw new InvalidRequestError('file inputs are not currently supported')
      default:
        throw new InvalidRequestError(`${at}: unknown content type: ${JSON.stringify(fields.type)}`)
    }
  })
  return { text: texts.join('\n'), images }
}

function readArguments (value: unknown, where: string): Record<string, unknown> {
  if (value === undefined || value === null || value === '') return {}
  if (typeof value !== 'string') throw new InvalidRequestError(`${where}.arguments must be a JSON string`)
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch (error) {
    throw new InvalidRequestError(`failed to parse function call arguments: ${(error as Error).message}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidRequestError(`${where}.arguments must be a JSON object`)
  return parsed as Record<string, unknown>
}

function requiredString (value: unknown, where: string): string {
  if (typeof value !== 'string') throw new InvalidRequestError(`${where} must be a string`)
  return value
}
