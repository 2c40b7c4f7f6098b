/** POST /api/chat */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CHAT_RULES, checkCapabilities, presetOptions, resolveRequestedModel, withPresetMessages } from '../core/admission.js'
import { chatNeeds, decodeChatBody, readChatRequest } from '../ollama/chat-reader.js'
import { parseKeepAlive } from '../ollama/keep-alive.js'
import { loadAnswer } from '../ollama/load-answer.js'
import { NdjsonAnswerWriter } from '../ollama/ndjson-writer.js'
import { ChatRequestSchema, ChatResponseSchema } from '../schemas/chat.js'
import { inferenceResponses } from './inference-responses.js'
import { DEFAULT_KEEP_ALIVE_MS } from './defaults.js'

const chatRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/api/chat', {
    schema: {
      summary: 'Generate the next message in a chat',
      tags: ['inference'],
      body: ChatRequestSchema,
      response: inferenceResponses(ChatResponseSchema)
    }
  }, async (request, reply) => {
    const body = request.body ?? {}
    // In the order of Ollama's chat handler: see src/ollama/chat-reader.ts.
    decodeChatBody(body)
    const requested = resolveRequestedModel(fastify.providers, body.model, fastify.config.DEFAULT_MODEL, CHAT_RULES.onEmptyModel)
    const keepAliveMs = parseKeepAlive(body.keep_alive, DEFAULT_KEEP_ALIVE_MS)
    const empty = (body.messages ?? []).length === 0
    if (empty && keepAliveMs === 0) {
      fastify.recentModels.forget(requested.model)
      return loadAnswer('chat', requested.echo, true)
    }
    checkCapabilities(requested, chatNeeds(body), CHAT_RULES.kind)
    const { preset } = requested.model
    const options = presetOptions(preset, body.options)
    if (empty) {
      fastify.recentModels.touch(requested.model, keepAliveMs)
      return loadAnswer('chat', requested.echo, false)
    }
    const read = readChatRequest(body, options)
    const chat = withPresetMessages(read.chat, preset, CHAT_RULES.kind)
    return fastify.answer(request, reply, { model: requested.model, chat, keepAliveMs, stream: read.stream }, new NdjsonAnswerWriter('chat', requested.echo))
  })
}

export default chatRoute
