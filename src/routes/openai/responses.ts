/** POST /v1/responses: OpenAI's Responses API, stateless, as Ollama serves it (Codex, Copilot CLI, the Agents SDK). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { admitChat, CHAT_RULES } from '../../core/admission.js'
import { readResponsesRequest } from '../../responses/read-request.js'
import { newResponseFrame } from '../../responses/response-object.js'
import { ResponsesWriter } from '../../responses/responses-writer.js'
import { answerSchemas, UPSTREAM_ERRORS } from '../../schemas/answer-schemas.js'
import { RESPONSES_DIALECT, ResponsesRequestSchema, ResponsesResponseSchema, ResponsesStreamEventSchema } from '../../schemas/responses.js'
import { DEFAULT_KEEP_ALIVE_MS } from '../defaults.js'

const responsesRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/v1/responses', {
    schema: {
      operationId: 'openAiCreateResponse',
      summary: 'OpenAI Responses over the same models, statelessly',
      tags: ['openai'],
      body: ResponsesRequestSchema,
      response: answerSchemas(RESPONSES_DIALECT, {
        description: 'A `response` object, or with `stream: true` Responses server-sent events (`response.created` ... `response.completed`)',
        json: ResponsesResponseSchema,
        stream: ResponsesStreamEventSchema,
        errors: { ...UPSTREAM_ERRORS, 400: 'Invalid input item, a built-in tool type, previous_response_id, or a capability the model lacks' }
      })
    }
  }, async (request, reply) => {
    // Ollama converts the request before it looks the model up, so reading errors come first.
    const read = readResponsesRequest(request.body)
    const admitted = admitChat(fastify.providers, fastify.config.DEFAULT_MODEL, read, CHAT_RULES)
    const writer = new ResponsesWriter(newResponseFrame(admitted.echo, read.echo))
    return fastify.answer(request, reply, { model: admitted.model, chat: admitted.chat, keepAliveMs: DEFAULT_KEEP_ALIVE_MS, stream: read.stream }, writer)
  })
}

export default responsesRoute
