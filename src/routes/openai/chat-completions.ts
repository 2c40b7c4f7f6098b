/** POST /v1/chat/completions, as Ollama's OpenAI compatibility layer serves it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { admitChat, CHAT_RULES } from '../../core/admission.js'
import { readChatCompletionsRequest } from '../../openai/chat-completions-reader.js'
import { newCompletionFrame } from '../../openai/completion-frame.js'
import { CompletionWriter } from '../../openai/sse-writer.js'
import { answerSchemas, UPSTREAM_ERRORS } from '../../schemas/answer-schemas.js'
import { OPENAI_DIALECT, OpenAiChatRequestSchema } from '../../schemas/openai.js'
import { OpenAiChatCompletionChunkSchema, OpenAiChatCompletionSchema } from '../../schemas/openai-answers.js'
import { DEFAULT_KEEP_ALIVE_MS } from '../defaults.js'

const chatCompletionsRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/v1/chat/completions', {
    schema: {
      operationId: 'openAiCreateChatCompletion',
      summary: 'OpenAI chat completions over the same models',
      tags: ['openai'],
      body: Type.Ref(OpenAiChatRequestSchema),
      response: answerSchemas(OPENAI_DIALECT, {
        description: 'A `chat.completion` object, or with `stream: true` `chat.completion.chunk` server-sent events ending with `data: [DONE]`',
        json: OpenAiChatCompletionSchema,
        stream: OpenAiChatCompletionChunkSchema,
        errors: { ...UPSTREAM_ERRORS, 400: 'Invalid request or message, or a capability the model lacks (tools, thinking, vision, chat)' }
      })
    }
  }, async (request, reply) => {
    const read = readChatCompletionsRequest(request.body)
    const admitted = admitChat(fastify.providers, fastify.config.DEFAULT_MODEL, read, CHAT_RULES)
    const writer = new CompletionWriter(newCompletionFrame('chat', admitted.echo), request.body.stream_options?.include_usage === true)
    return fastify.answer(request, reply, { model: admitted.model, chat: admitted.chat, keepAliveMs: DEFAULT_KEEP_ALIVE_MS, stream: read.stream }, writer)
  })
}

export default chatCompletionsRoute
