/** NormalisedChatRequest back to Ollama's own /api/chat body (or /api/generate for fill-in-the-middle), with nothing renamed. */
import type { ChatMessage, NormalisedChatRequest } from '../../../src/core/chat-request.js'
import type { ProtocolContext } from '../../../src/core/protocol.js'
import type { OllamaChatRequest, OllamaGenerateRequest, OllamaWireMessage } from './wire-types.js'

export function toOllamaRequest (request: NormalisedChatRequest, context: ProtocolContext): OllamaChatRequest {
  const body: OllamaChatRequest = { model: context.card.id, messages: request.messages.map(toOllamaMessage), stream: true }
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        ...(tool.parameters === undefined ? {} : { parameters: tool.parameters })
      }
    }))
  }
  if (request.think !== undefined) body.think = request.think
  if (request.format !== undefined) body.format = request.format
  const options = toOllamaOptions(request)
  if (options !== undefined) body.options = options
  if (request.logprobs !== undefined) {
    body.logprobs = true
    body.top_logprobs = request.logprobs.top
  }
  return body
}

/** Fill-in-the-middle goes to /api/generate with its suffix, as the client asked the upstream model itself. */
export function toOllamaGenerateRequest (request: NormalisedChatRequest, context: ProtocolContext): OllamaGenerateRequest {
  const prompt = request.messages.findLast((message) => message.role === 'user')
  const system = request.messages.filter((message) => message.role === 'system').map((message) => message.content).join('\n\n')
  const body: OllamaGenerateRequest = { model: context.card.id, prompt: prompt?.content ?? '', stream: true }
  if (request.suffix !== undefined) body.suffix = request.suffix
  if (system !== '') body.system = system
  if (prompt?.images !== undefined && prompt.images.length > 0) body.images = [...prompt.images]
  if (request.think !== undefined) body.think = request.think
  if (request.format !== undefined) body.format = request.format
  const options = toOllamaOptions(request)
  if (options !== undefined) body.options = options
  if (request.logprobs !== undefined) {
    body.logprobs = true
    body.top_logprobs = request.logprobs.top
  }
  return body
}

function toOllamaOptions (request: NormalisedChatRequest): Record<string, unknown> | undefined {
  const { options } = request
  // Everything the client sent passes through (num_ctx, min_p, repeat_penalty...); the named fields are the same values.
  const upstreamOptions: Record<string, unknown> = { ...options.ollamaOptions }
  if (options.temperature !== undefined) upstreamOptions.temperature = options.temperature
  if (options.topP !== undefined) upstreamOptions.top_p = options.topP
  if (options.topK !== undefined) upstreamOptions.top_k = options.topK
  if (options.maxTokens !== undefined) upstreamOptions.num_predict = options.maxTokens
  if (options.stop !== undefined && options.stop.length > 0) upstreamOptions.stop = [...options.stop]
  if (options.seed !== undefined) upstreamOptions.seed = options.seed
  if (options.presencePenalty !== undefined) upstreamOptions.presence_penalty = options.presencePenalty
  if (options.frequencyPenalty !== undefined) upstreamOptions.frequency_penalty = options.frequencyPenalty
  return Object.keys(upstreamOptions).length > 0 ? upstreamOptions : undefined
}

function toOllamaMessage (message: ChatMessage): OllamaWireMessage {
  const result: OllamaWireMessage = { role: message.role, content: message.content }
  if (message.thinking !== undefined) result.thinking = message.thinking
  if (message.images !== undefined && message.images.length > 0) result.images = [...message.images]
  if (message.toolCalls !== undefined && message.toolCalls.length > 0) {
    result.tool_calls = message.toolCalls.map((call, index) => ({
      ...(call.id === undefined ? {} : { id: call.id }),
      function: { index, name: call.name, arguments: call.arguments }
    }))
  }
  if (message.toolName !== undefined) result.tool_name = message.toolName
  if (message.toolCallId !== undefined) result.tool_call_id = message.toolCallId
  return result
}
