/** POST /api/chat */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { CHAT_RULES, checkCapabilities, checkLogprobs, presetOptions, resolveRequestedModel, withPresetMessages } from '../core/admission.js'
import { chatNeeds, decodeChatBody, readChatRequest } from '../ollama/chat-reader.js'
import { parseKeepAlive } from '../ollama/keep-alive.js'
import { loadAnswer } from '../ollama/load-answer.js'
import { NdjsonAnswerWriter } from '../ollama/ndjson-writer.js'
import { answerSchemas, UPSTREAM_ERRORS } from '../schemas/answer-schemas.js'
import { ChatRequestSchema, ChatResponseSchema } from '../schemas/chat.js'
import { OLLAMA_DIALECT } from '../schemas/common.js'
import { DEFAULT_KEEP_ALIVE_MS } from './defaults.js'

const chatRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/api/chat', {
    schema: {
      operationId: 'chat',
      summary: 'Generate the next message in a chat',
      tags: ['inference'],
      body: Type.Ref(ChatRequestSchema),
      response: answerSchemas(OLLAMA_DIALECT, {
        description: 'NDJSON chunks ending with `done: true` (the default), or one JSON answer with `stream: false`; ' +
          'empty messages answer a load (or, with keep_alive 0, unload) object',
        json: ChatResponseSchema,
        stream: ChatResponseSchema,
        errors: {
          ...UPSTREAM_ERRORS,
          400: 'Invalid request, bad image data, top_logprobs outside 0–20, a capability the model lacks (tools, thinking, vision, chat), ' +
            'or logprobs its provider cannot return',
          500: 'An internal failure, or an option of the wrong type (Ollama\'s status for it)'
        }
      })
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
    checkLogprobs(requested, chat)
    return fastify.answer(request, reply, { model: requested.model, chat, keepAliveMs, stream: read.stream }, new NdjsonAnswerWriter('chat', requested.echo))
  })
}

export default chatRoute
