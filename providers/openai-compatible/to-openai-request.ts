/** NormalisedChatRequest to an OpenAI chat-completions body, with each provider's switches from its quirks. */
import type { ChatMessage, NormalisedChatRequest, ThinkSetting } from '../../src/core/chat-request.js'
import type { ProtocolContext } from '../../src/core/protocol.js'
import type { ProviderQuirks } from '../../src/core/capabilities.js'
import { toDataUrl } from '../../src/core/image-mime.js'
import type { OpenAiChatRequest, OpenAiMessage } from './wire-types.js'

export function toOpenAiRequest (request: NormalisedChatRequest, context: ProtocolContext): OpenAiChatRequest {
  const { quirks } = context.descriptor
  const body: OpenAiChatRequest = {
    model: context.card.id,
    messages: toOpenAiMessages(request.messages),
    stream: true
  }
  if (quirks.streamUsageOption) body.stream_options = { include_usage: true }
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters }
    }))
  }
  const { options } = request
  if (options.temperature !== undefined) body.temperature = options.temperature
  if (options.topP !== undefined) body.top_p = options.topP
  if (options.maxTokens !== undefined && options.maxTokens > 0) body.max_tokens = options.maxTokens
  if (options.stop !== undefined && options.stop.length > 0) body.stop = [...options.stop]
  if (options.seed !== undefined) body.seed = options.seed
  if (options.presencePenalty !== undefined) body.presence_penalty = options.presencePenalty
  if (options.frequencyPenalty !== undefined) body.frequency_penalty = options.frequencyPenalty
  if (request.format === 'json') {
    body.response_format = { type: 'json_object' }
  } else if (request.format !== undefined) {
    body.response_format = { type: 'json_schema', json_schema: { name: 'response', schema: request.format } }
  }
  if (request.think !== undefined) applyThinking(body, request.think, quirks)
  return body
}

function applyThinking (body: OpenAiChatRequest, think: ThinkSetting, quirks: ProviderQuirks): void {
  switch (quirks.thinkingControl) {
    case 'reasoning-effort':
      // OpenAI has no "off" for every reasoning model; false leaves the model's default.
      if (think !== false) body.reasoning_effort = think === true ? 'medium' : think === 'max' ? 'high' : think
      break
    case 'enable-thinking':
      body.enable_thinking = think !== false
      break
    case 'thinking-type':
      body.thinking = { type: think === false ? 'disabled' : 'enabled' }
      break
    case 'none':
      break
  }
}

/**
 * Tool results must name the call they answer. When the client sent no ids (older Ollama clients),
 * calls get deterministic ids and results are paired with them by tool name, then by order.
 */
function toOpenAiMessages (messages: readonly ChatMessage[]): OpenAiMessage[] {
  const result: OpenAiMessage[] = []
  let openCalls: Array<{ id: string, name: string }> = []
  messages.forEach((message, messageIndex) => {
    if (message.role === 'assistant' && message.toolCalls !== undefined && message.toolCalls.length > 0) {
      const calls = message.toolCalls.map((call, callIndex) => ({
        id: call.id ?? `call_${messageIndex}_${callIndex}`,
        type: 'function' as const,
        function: { name: call.name, arguments: JSON.stringify(call.arguments) }
      }))
      openCalls = calls.map((call) => ({ id: call.id, name: call.function.name }))
      result.push({ role: 'assistant', content: message.content === '' ? null : message.content, tool_calls: calls })
      return
    }
    if (message.role === 'tool') {
      result.push({ role: 'tool', content: message.content, tool_call_id: message.toolCallId ?? claimOpenCall(openCalls, message.toolName) })
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
    result.push({ role: message.role, content: message.content })
  })
  return result
}

function claimOpenCall (openCalls: Array<{ id: string, name: string }>, toolName: string | undefined): string {
  const byName = toolName === undefined ? -1 : openCalls.findIndex((call) => call.name === toolName)
  const index = byName >= 0 ? byName : 0
  const [claimed] = openCalls.splice(index, 1)
  return claimed?.id ?? 'call_unpaired'
}
