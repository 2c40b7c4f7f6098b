/** POST /api/chat */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { hasCapability } from '../core/capabilities.js'
import { ChatUnsupportedError } from '../errors.js'
import { loadAnswer } from '../ollama/load-answer.js'
import { parseKeepAlive } from '../ollama/keep-alive.js'
import { checkImageData } from '../ollama/image-data.js'
import { checkThinking, checkTools, checkVision, resolveRequestedModel } from '../ollama/model-admission.js'
import { readFormat, readMessages, readOptions, readThink, readTools } from '../ollama/request-fields.js'
import { answerSchemas, uncheckedHandler, UPSTREAM_ERRORS } from '../schemas/answer-schemas.js'
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
      response: uncheckedHandler(answerSchemas(OLLAMA_DIALECT, {
        description: 'NDJSON chunks ending with `done: true` (the default), or one JSON answer with `stream: false`; ' +
          'empty messages answer a load (or, with keep_alive 0, unload) object',
        json: ChatResponseSchema,
        stream: ChatResponseSchema,
        errors: {
          ...UPSTREAM_ERRORS,
          400: 'Invalid request, bad image data, or a capability the model lacks (tools, thinking, vision, chat)',
          500: 'An internal failure, or an option of the wrong type (Ollama\'s status for it)'
        }
      }))
    }
  }, async (request, reply) => {
    const body = request.body ?? {}
    // Ollama decodes images while reading the body, before it looks at the model.
    for (const message of body.messages ?? []) checkImageData(message.images)
    const requested = resolveRequestedModel(fastify.providers, body.model, fastify.config.DEFAULT_MODEL, 'model-required')
    const keepAliveMs = parseKeepAlive(body.keep_alive, DEFAULT_KEEP_ALIVE_MS)
    const messages = body.messages ?? []
    if (messages.length === 0 && keepAliveMs === 0) {
      fastify.recentModels.forget(requested.model)
      return loadAnswer('chat', requested.echo, true)
    }
    const think = readThink(body.think)
    checkThinking(requested, think)
    if (!hasCapability(requested.model.card, 'completion')) throw new ChatUnsupportedError(requested.echo)
    const tools = readTools(body.tools)
    checkTools(requested, tools.length)
    checkVision(requested, messages.some((message) => (message.images ?? []).length > 0))
    const { preset } = requested.model
    const options = readOptions({ ...preset?.options, ...body.options })
    if (messages.length === 0) {
      fastify.recentModels.touch(requested.model, keepAliveMs)
      return loadAnswer('chat', requested.echo, false)
    }
    const format = readFormat(body.format)
    const chatMessages = readMessages(messages)
    chatMessages.unshift(...(preset?.messages ?? []))
    // A model's own system prompt applies when the conversation brings none, as in Ollama.
    if (preset?.system !== undefined && !chatMessages.some((message) => message.role === 'system')) {
      chatMessages.unshift({ role: 'system', content: preset.system })
    }
    return fastify.answer(request, reply, {
      model: requested.model,
      echoModel: requested.echo,
      shape: 'chat',
      stream: body.stream !== false,
      keepAliveMs,
      chat: {
        messages: chatMessages,
        options,
        ...(tools.length > 0 ? { tools } : {}),
        ...(think === undefined ? {} : { think }),
        ...(format === undefined ? {} : { format })
      }
    })
  })
}

export default chatRoute
