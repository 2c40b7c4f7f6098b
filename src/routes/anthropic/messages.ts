/** POST /v1/messages: Anthropic's Messages API over every provider, as Ollama's compatibility layer serves it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AnthropicMessageWriter } from '../../anthropic/message-writer.js'
import { roughInputTokens } from '../../anthropic/estimate-tokens.js'
import { readMessagesRequest } from '../../anthropic/read-messages-request.js'
import { hasCapability } from '../../core/capabilities.js'
import type { ChatMessage, NormalisedChatRequest } from '../../core/chat-request.js'
import { ChatUnsupportedError } from '../../errors.js'
import { checkTools, checkVision, resolveRequestedModel } from '../../ollama/model-admission.js'
import { readOptions } from '../../ollama/request-fields.js'
import { AnthropicMessagesRequestSchema } from '../../schemas/anthropic.js'
import { DEFAULT_KEEP_ALIVE_MS } from '../defaults.js'
import { anthropicResponses } from './responses.js'
import { sendAnswer } from './send-answer.js'

const messagesRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/v1/messages', {
    schema: {
      summary: 'Anthropic Messages over the same models (Claude Code, Anthropic SDKs)',
      tags: ['anthropic'],
      body: AnthropicMessagesRequestSchema,
      response: anthropicResponses({
        description: 'A `message` object, or Anthropic\'s server-sent events (message_start … message_stop) when `stream` is true',
        type: 'object',
        additionalProperties: true
      })
    }
  }, async (request, reply) => {
    // Ollama converts the request before it looks the model up, so format errors come first.
    const dialect = readMessagesRequest(request.body)
    const requested = resolveRequestedModel(fastify.providers, dialect.model, undefined, 'model-required')
    const { card, preset } = requested.model
    if (!hasCapability(card, 'completion')) throw new ChatUnsupportedError(requested.echo)
    checkTools(requested, dialect.chat.tools?.length ?? 0)
    checkVision(requested, dialect.chat.messages.some((message) => (message.images ?? []).length > 0))
    const messages: ChatMessage[] = [...(preset?.messages ?? []), ...dialect.chat.messages]
    if (preset?.system !== undefined && !messages.some((message) => message.role === 'system')) messages.unshift({ role: 'system', content: preset.system })
    // Ollama relaxes thinking for this dialect: asked of a model that cannot think, it is dropped rather than refused.
    const { think, ...asked } = dialect.chat
    const options = readOptions({ ...preset?.options, ...asked.options.ollamaOptions })
    const chat: NormalisedChatRequest = {
      ...asked,
      messages,
      // max_tokens is required here, and clients size it for Claude (Claude Code asks 32,000): a model that
      // declares a smaller limit gets its own rather than the provider's 400.
      options: card.maxOutputTokens !== undefined && options.maxTokens !== undefined && options.maxTokens > card.maxOutputTokens ? { ...options, maxTokens: card.maxOutputTokens } : options,
      ...(think === false || (think !== undefined && hasCapability(card, 'thinking')) ? { think } : {})
    }
    const writer = new AnthropicMessageWriter({ model: requested.echo, estimatedInputTokens: roughInputTokens(chat) })
    return sendAnswer(fastify, request, reply, { model: requested.model, chat, keepAliveMs: DEFAULT_KEEP_ALIVE_MS }, writer, dialect.stream)
  })
}

export default messagesRoute
