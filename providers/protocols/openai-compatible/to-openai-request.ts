/** NormalisedChatRequest to an OpenAI chat-completions body, with each provider's switches from its quirks. */
import type { ChatMessage, NormalisedChatRequest, ThinkSetting } from '../../../src/core/chat-request.js'
import { toDataUrl } from '../../shared/image-mime.js'
import { ToolCallPairing } from '../../shared/tool-call-pairing.js'
import type { OpenAiCompatibleContext, ProviderQuirks } from './quirks.js'
import { applySampling } from './sampling.js'
import type { OpenAiChatRequest, OpenAiMessage } from './wire-types.js'

const DEFAULT_EFFORTS: readonly string[] = ['low', 'medium', 'high']
const DEFAULT_BUDGETS = { low: 2048, medium: 8192, high: 16384, max: 32768 } as const
/** Effort names across providers, weakest first, to find the nearest one a provider accepts. */
const EFFORT_RANK = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']

/** Added when JSON mode needs the word "json" and no message has it; says no more than Ollama's format does. */
export const JSON_INSTRUCTION = 'Respond with JSON.'

/**
 * The streamed `/chat/completions` body for one request: messages (images as data URLs, tool results
 * paired with their calls), tools, sampling, format and thinking as the provider's quirks say. Pure; never throws.
 * @see https://platform.openai.com/docs/api-reference/chat/create (checked 2026-11)
 */
export function toOpenAiRequest (request: NormalisedChatRequest, context: OpenAiCompatibleContext): OpenAiChatRequest {
  const { quirks } = context.descriptor
  const body: OpenAiChatRequest = {
    model: context.card.id,
    messages: toOpenAiMessages(request.messages, quirks),
    stream: true
  }
  if (quirks.streamUsageOption) body.stream_options = { include_usage: true }
  // No tool_choice: Ollama has none, and the provider's default ("auto") is what Ollama models do.
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters }
    }))
  }
  applySampling(body, request.options, context, 'chat')
  if (request.format !== undefined) applyFormat(body, request.format, quirks)
  if (request.think !== undefined) applyThinking(body, request.think, quirks)
  if (request.logprobs !== undefined) {
    body.logprobs = true
    if (request.logprobs.top > 0) body.top_logprobs = request.logprobs.top
  }
  return body
}

/**
 * A schema goes as `json_schema` where the provider has it, else as JSON mode plus the schema in a
 * system instruction. The model's output is passed on unaltered either way.
 */
function applyFormat (body: OpenAiChatRequest, format: 'json' | Record<string, unknown>, quirks: ProviderQuirks): void {
  if (format !== 'json' && quirks.jsonSchemaOutput === true) {
    body.response_format = { type: 'json_schema', json_schema: { name: 'response', schema: format } }
    return
  }
  body.response_format = { type: 'json_object' }
  if (format !== 'json') {
    addSystemInstruction(body.messages, `Respond with JSON that conforms to this JSON schema: ${JSON.stringify(format)}`)
  } else if (quirks.jsonModeNeedsJsonWord !== false && !body.messages.some(mentionsJson)) {
    addSystemInstruction(body.messages, JSON_INSTRUCTION)
  }
}

function mentionsJson (message: OpenAiMessage): boolean {
  const text = typeof message.content === 'string'
    ? message.content
    : (message.content ?? []).map((part) => part.type === 'text' ? part.text : '').join(' ')
  return /json/i.test(text)
}

/** Joined to a leading system message, since some providers accept only one, at the start. */
function addSystemInstruction (messages: OpenAiMessage[], instruction: string): void {
  const first = messages[0]
  if (first?.role === 'system' && typeof first.content === 'string') {
    first.content = first.content === '' ? instruction : `${first.content}\n\n${instruction}`
    return
  }
  messages.unshift({ role: 'system', content: instruction })
}

/** Each provider's switch; `false` is always sent where a switch exists, since several providers think by default. */
function applyThinking (body: OpenAiChatRequest, think: ThinkSetting, quirks: ProviderQuirks): void {
  switch (quirks.thinkingControl) {
    case 'reasoning-effort': {
      const efforts = quirks.reasoningEfforts ?? DEFAULT_EFFORTS
      if (think !== false) {
        body.reasoning_effort = nearestEffort(think === true ? 'medium' : think, efforts)
      } else if (efforts.includes('none')) {
        body.reasoning_effort = 'none'
      }
      // Otherwise (o-series, gpt-5) reasoning cannot be switched off: false leaves the model's default.
      break
    }
    case 'enable-thinking': {
      body.enable_thinking = think !== false
      const budgets = quirks.thinkingBudgets ?? DEFAULT_BUDGETS
      if (typeof think === 'string' && budgets !== false) body.thinking_budget = budgets[think]
      if (typeof think === 'string' && quirks.reasoningEfforts !== undefined) body.reasoning_effort = nearestEffort(think, quirks.reasoningEfforts)
      break
    }
    case 'thinking-type':
      body.thinking = { type: think === false ? 'disabled' : 'enabled' }
      if (typeof think === 'string' && quirks.reasoningEfforts !== undefined) body.reasoning_effort = nearestEffort(think, quirks.reasoningEfforts)
      break
    case 'none':
      break
  }
}

/** The same name if accepted; `max` is the strongest; else the next stronger accepted value, else the strongest. */
export function nearestEffort (level: string, accepted: readonly string[]): string | undefined {
  if (accepted.includes(level)) return level
  const strongest = accepted.at(-1)
  if (level === 'max') return strongest
  const rank = EFFORT_RANK.indexOf(level)
  return accepted.find((value) => EFFORT_RANK.indexOf(value) >= rank) ?? strongest
}

/**
 * Tool results must name the call they answer. When the client sent no ids (older Ollama clients),
 * calls get deterministic ids (`call_<message>_<call>`) and results are paired with the open calls
 * by `tool_name`, then by order (see ToolCallPairing).
 */
function toOpenAiMessages (messages: readonly ChatMessage[], quirks: ProviderQuirks): OpenAiMessage[] {
  const forwardReasoning = quirks.reasoningHistory === 'forward'
  const result: OpenAiMessage[] = []
  const pairing = new ToolCallPairing()
  messages.forEach((message, messageIndex) => {
    if (message.role === 'assistant' && message.toolCalls !== undefined && message.toolCalls.length > 0) {
      const toolCalls = message.toolCalls
      const calls = pairing.openTurn(message, messageIndex).map((call, callIndex) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: JSON.stringify(toolCalls[callIndex]?.arguments ?? {}) }
      }))
      const assistant: OpenAiMessage = { role: 'assistant', content: message.content === '' ? null : message.content, tool_calls: calls }
      // DeepSeek V4 answers 400 when a tool-call turn comes back without its reasoning; an empty string satisfies it.
      if (forwardReasoning) assistant.reasoning_content = message.thinking ?? ''
      result.push(assistant)
      return
    }
    if (message.role === 'tool') {
      result.push({ role: 'tool', content: message.content, tool_call_id: pairing.claim(message).id })
      return
    }
    if (message.images !== undefined && message.images.length > 0) {
      result.push({
        role: message.role,
        content: [
          { type: 'text', text: message.content },
          ...message.images.map((image) => ({ type: 'image_url' as const, image_url: { url: toDataUrl(image) } }))
        ]
      })
      return
    }
    const plain: OpenAiMessage = { role: message.role, content: message.content }
    if (forwardReasoning && message.role === 'assistant' && message.thinking !== undefined) plain.reasoning_content = message.thinking
    result.push(plain)
  })
  return result
}
