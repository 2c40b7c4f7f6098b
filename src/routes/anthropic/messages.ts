/** POST /v1/messages: Anthropic's Messages API over every provider, as Ollama's compatibility layer serves it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { roughInputTokens } from '../../core/estimate-tokens.js'
import { AnthropicMessageWriter } from '../../anthropic/message-writer.js'
import { readMessagesRequest } from '../../anthropic/messages-reader.js'
import { admitChat, ANTHROPIC_MESSAGES_RULES } from '../../core/admission.js'
import type { NormalisedChatRequest } from '../../core/chat-request.js'
import type { ModelCard } from '../../core/capabilities.js'
import { answerSchemas, UPSTREAM_ERRORS } from '../../schemas/answer-schemas.js'
import { ANTHROPIC_DIALECT, AnthropicMessageSchema, AnthropicMessagesRequestSchema, AnthropicStreamEventSchema } from '../../schemas/anthropic.js'
import { DEFAULT_KEEP_ALIVE_MS } from '../defaults.js'

/**
 * max_tokens is required in this dialect, and clients size it for Claude (Claude Code asks 32,000): a model whose
 * card declares a smaller limit gets its own rather than the provider's 400.
 */
function withinOutputLimit (chat: NormalisedChatRequest, card: ModelCard): NormalisedChatRequest {
  const { maxTokens } = chat.options
  if (card.maxOutputTokens === undefined || maxTokens === undefined || maxTokens <= card.maxOutputTokens) return chat
  return { ...chat, options: { ...chat.options, maxTokens: card.maxOutputTokens } }
}

const messagesRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/v1/messages', {
    schema: {
      operationId: 'anthropicCreateMessage',
      summary: 'Anthropic Messages over the same models (Claude Code, Anthropic SDKs)',
      tags: ['anthropic'],
      body: Type.Ref(AnthropicMessagesRequestSchema),
      response: answerSchemas(ANTHROPIC_DIALECT, {
        description: 'A `message` object, or with `stream: true` Anthropic\'s server-sent events (message_start … message_stop, ping)',
        json: AnthropicMessageSchema,
        stream: AnthropicStreamEventSchema,
        errors: { ...UPSTREAM_ERRORS, 400: 'Invalid request or message, max_tokens missing, or a capability the model lacks (tools, thinking, vision)' }
      })
    }
  }, async (request, reply) => {
    // Ollama converts the request before it looks the model up, so format errors come first.
    const read = readMessagesRequest(request.body)
    const admitted = admitChat(fastify.providers, fastify.config.DEFAULT_MODEL, read, ANTHROPIC_MESSAGES_RULES)
    const chat = withinOutputLimit(admitted.chat, admitted.model.card)
    const writer = new AnthropicMessageWriter({ model: admitted.echo, estimatedInputTokens: roughInputTokens(chat) })
    return fastify.answer(request, reply, { model: admitted.model, chat, keepAliveMs: DEFAULT_KEEP_ALIVE_MS, stream: read.stream }, writer)
  })
}

export default messagesRoute
