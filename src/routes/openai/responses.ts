/** POST /v1/responses: OpenAI's Responses API, stateless, as Ollama serves it (Codex, Copilot CLI, the Agents SDK). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { hasCapability } from '../../core/capabilities.js'
import { ChatUnsupportedError } from '../../errors.js'
import { checkThinking, checkTools, checkVision, resolveRequestedModel } from '../../ollama/model-admission.js'
import { readOptions } from '../../ollama/request-fields.js'
import { readResponsesRequest } from '../../responses/read-request.js'
import { newResponseFrame } from '../../responses/response-object.js'
import { ResponsesWriter } from '../../responses/responses-writer.js'
import { ResponsesRequestSchema } from '../../schemas/responses.js'
import { DEFAULT_KEEP_ALIVE_MS } from '../defaults.js'
import { openAiResponses } from './openai-responses.js'
import { sendDialectAnswer } from './send-dialect-answer.js'

const responsesRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/v1/responses', {
    schema: {
      summary: 'OpenAI Responses over the same models, statelessly',
      tags: ['openai'],
      body: ResponsesRequestSchema,
      response: openAiResponses('A `response` object, or Responses server-sent events (`response.created` ... `response.completed`) when `stream` is true')
    }
  }, async (request, reply) => {
    // Ollama converts the request before it looks the model up, so format errors come first.
    const read = readResponsesRequest(request.body)
    const requested = resolveRequestedModel(fastify.providers, read.model, fastify.config.DEFAULT_MODEL, 'model-required')
    checkThinking(requested, read.chat.think)
    if (!hasCapability(requested.model.card, 'completion')) throw new ChatUnsupportedError(requested.echo)
    checkTools(requested, read.chat.tools?.length ?? 0)
    checkVision(requested, read.chat.messages.some((message) => (message.images ?? []).length > 0))
    const { preset } = requested.model
    const messages = [...(preset?.messages ?? []), ...read.chat.messages]
    if (preset?.system !== undefined && !messages.some((message) => message.role === 'system')) messages.unshift({ role: 'system', content: preset.system })
    const chat = { ...read.chat, messages, options: readOptions({ ...preset?.options, ...read.optionFields }) }
    const writer = new ResponsesWriter(newResponseFrame(requested.echo, read.echo))
    return sendDialectAnswer(fastify, request, reply, { model: requested.model, keepAliveMs: DEFAULT_KEEP_ALIVE_MS, chat }, writer, read.stream)
  })
}

export default responsesRoute
