/** NormalisedChatRequest to an Anthropic Messages body: system on top, content blocks, tools, thinking, a limit. */
import type { ChatMessage, NormalisedChatRequest, ThinkSetting } from '../../../src/core/chat-request.js'
import { sniffImageMime } from '../../shared/image-mime.js'
import type { ProtocolContext } from '../../../src/core/protocol.js'
import { ToolCallPairing } from '../../shared/tool-call-pairing.js'
import { acceptsSampling, refusesTemperatureWithTopP, usesAdaptiveThinking } from './model-traits.js'
import type { ThinkingMemory } from './thinking-memory.js'
import type { AnthropicContentBlock, AnthropicMessage, AnthropicRequest } from './wire-types.js'

/** Anthropic has no default limit; this is used when neither the client nor the model card gives one. */
export const DEFAULT_MAX_TOKENS = 8192
/** Smallest budget Anthropic accepts for `thinking.type: enabled`. */
const MIN_THINKING_BUDGET = 1024
const THINKING_BUDGETS: Readonly<Record<'low' | 'medium' | 'high' | 'max', number>> = { low: 2048, medium: 8192, high: 16_384, max: 32_000 }

/** What the Anthropic request mapper reads: the model's card, and the provider instance's memory of signed thinking. */
export interface AnthropicProtocolContext extends ProtocolContext {
  /** Absent: no signed thinking is known, so a tool loop continues with thinking off. */
  readonly thinkingMemory?: ThinkingMemory
}

/**
 * The streamed `/v1/messages` body for one request: system on top, alternating content blocks, tools,
 * thinking (a budget, or adaptive with an effort on newer models) and an answer limit, which Anthropic
 * requires. Remembered signed thinking goes back in front of the tool calls it led to. Pure apart from
 * reading that memory; never throws.
 * @see https://docs.claude.com/en/api/messages (checked 2026-11)
 */
export function toAnthropicRequest (request: NormalisedChatRequest, context: AnthropicProtocolContext): AnthropicRequest {
  const modelId = context.card.id
  const converted = toAnthropicMessages(request.messages, context.thinkingMemory)
  const maxTokens = request.options.maxTokens ?? context.card.maxOutputTokens ?? DEFAULT_MAX_TOKENS
  const body: AnthropicRequest = { model: modelId, max_tokens: maxTokens, messages: converted.messages, stream: true }
  const system = [...converted.system]
  if (request.format === 'json') {
    // Structured output needs a schema; plain "json" becomes an instruction, as Ollama's grammar has no Anthropic equivalent.
    system.push('Respond with one JSON object only, without any text around it.')
  } else if (request.format !== undefined) {
    body.output_config = { format: { type: 'json_schema', schema: request.format } }
  }
  if (system.length > 0) body.system = system.join('\n\n')
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.parameters ?? { type: 'object', properties: {} }
    }))
  }
  // A tool loop whose signed thinking we no longer hold cannot continue with thinking on (see thinking-memory.ts).
  const think = request.think !== undefined && request.think !== false && converted.unsignedToolTurn ? false : request.think
  const thinking = applyThinking(body, think, modelId)
  const { options } = request
  // With thinking on, Anthropic fixes temperature and top_k and restricts top_p.
  if (!thinking && acceptsSampling(modelId)) {
    if (options.temperature !== undefined) body.temperature = Math.min(Math.max(options.temperature, 0), 1)
    // Models from 4.5 on refuse temperature and top_p together: temperature, the one Ollama clients mean, is kept.
    if (options.topP !== undefined && !(options.temperature !== undefined && refusesTemperatureWithTopP(modelId))) body.top_p = options.topP
    if (options.topK !== undefined) body.top_k = options.topK
  }
  const stop = anthropicStops(options.stop ?? [])
  if (stop.length > 0) body.stop_sequences = [...stop]
  return body
}

/** Sets the thinking fields; true when thinking ends up on. */
function applyThinking (body: AnthropicRequest, think: ThinkSetting | undefined, modelId: string): boolean {
  if (think === undefined) return false
  if (think === false) {
    body.thinking = { type: 'disabled' }
    return false
  }
  if (usesAdaptiveThinking(modelId)) {
    // Newer models hide their reasoning unless asked for a summary.
    body.thinking = { type: 'adaptive', display: 'summarized' }
    if (think !== true) body.output_config = { ...body.output_config, effort: think }
    return true
  }
  const budget = Math.min(THINKING_BUDGETS[think === true ? 'medium' : think], body.max_tokens - 1)
  if (budget < MIN_THINKING_BUDGET) {
    // The answer limit leaves no room for the smallest budget: answer without thinking.
    body.thinking = { type: 'disabled' }
    return false
  }
  body.thinking = { type: 'enabled', budget_tokens: budget }
  return true
}

interface ConvertedMessages {
  system: string[]
  messages: AnthropicMessage[]
  /** The conversation ends in a tool loop whose assistant turn has no remembered thinking blocks. */
  unsignedToolTurn: boolean
}

function toAnthropicMessages (messages: readonly ChatMessage[], thinkingMemory: ThinkingMemory | undefined): ConvertedMessages {
  const system: string[] = []
  const result: AnthropicMessage[] = []
  const pairing = new ToolCallPairing()
  let unsignedToolTurn = false
  const append = (role: AnthropicMessage['role'], blocks: AnthropicContentBlock[]): void => {
    if (blocks.length === 0) return
    const last = result.at(-1)
    // Anthropic wants alternating roles: consecutive tool results and user text share one user message.
    if (last !== undefined && last.role === role) last.content.push(...blocks)
    else result.push({ role, content: blocks })
  }
  messages.forEach((message, messageIndex) => {
    switch (message.role) {
      case 'system':
        if (message.content !== '') system.push(message.content)
        return
      case 'tool': {
        const call = pairing.claim(message)
        append('user', [{ type: 'tool_result', tool_use_id: safeToolId(call.id), content: message.content }])
        return
      }
      case 'assistant': {
        // Signed thinking the client carried back goes first, untouched; memory covers clients that cannot carry it.
        const blocks: AnthropicContentBlock[] = carriedThinking(message)
        const carried = blocks.length > 0
        const calls = message.toolCalls !== undefined && message.toolCalls.length > 0 ? pairing.openTurn(message, messageIndex) : []
        if (calls.length > 0 && !carried) {
          const remembered = calls.map((call) => thinkingMemory?.recall(call.id)).find((blocks) => blocks !== undefined)
          if (remembered !== undefined) blocks.push(...remembered)
          unsignedToolTurn = remembered === undefined
        } else if (calls.length > 0) {
          unsignedToolTurn = false
        }
        if (!isBlank(message.content)) blocks.push({ type: 'text', text: message.content })
        message.toolCalls?.forEach((call, callIndex) => {
          blocks.push({ type: 'tool_use', id: safeToolId(calls[callIndex]?.id ?? `call_${messageIndex}_${callIndex}`), name: call.name, input: call.arguments })
        })
        append('assistant', blocks)
        return
      }
      case 'user': {
        // A new user turn ends the tool loop: earlier turns' thinking is not required.
        unsignedToolTurn = false
        const blocks: AnthropicContentBlock[] = (message.images ?? []).map((image) => ({
          type: 'image' as const,
          source: { type: 'base64' as const, media_type: sniffImageMime(image), data: image }
        }))
        if (!isBlank(message.content)) blocks.push({ type: 'text', text: message.content })
        append('user', blocks)
      }
    }
  })
  trimPrefill(result)
  return { system, messages: result, unsignedToolTurn }
}

/**
 * Anthropic refuses an empty or whitespace-only text block anywhere in the history (Home Assistant and LibreChat send
 * an assistant turn of "\n"): such text is left out, and a turn left with no block at all goes with it.
 */
function isBlank (text: string): boolean {
  return text.trim() === ''
}

/**
 * Anthropic refuses a final assistant turn (a prefill the answer continues) whose text ends in whitespace: the
 * whitespace is trimmed, as the continuation does not depend on it.
 */
function trimPrefill (messages: AnthropicMessage[]): void {
  const last = messages.at(-1)
  const block = last?.role === 'assistant' ? last.content.at(-1) : undefined
  if (block?.type === 'text') block.text = block.text.trimEnd()
}

/** The thinking blocks an Anthropic-dialect client sent back with this turn: the signed one, then redacted ones. */
function carriedThinking (message: ChatMessage): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = []
  if (message.thinkingSignature !== undefined) blocks.push({ type: 'thinking', thinking: message.thinking ?? '', signature: message.thinkingSignature })
  for (const data of message.redactedThinking ?? []) blocks.push({ type: 'redacted_thinking', data })
  return blocks
}

/** tool_use ids must match ^[a-zA-Z0-9_-]+$; client ids are passed through with other characters replaced. */
function safeToolId (id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_')
}

/**
 * The stop sequences sent: Anthropic refuses whitespace-only ones (clients often send "\n\n"), which the service
 * enforces itself while streaming (src/core/stop-cutter.ts).
 */
export function anthropicStops (stops: readonly string[]): readonly string[] {
  return stops.filter((sequence) => sequence.trim() !== '')
}
