/** POST /v1/completions: a prompt in, text out, as Ollama serves it on top of `/api/generate`. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { admitChat, GENERATE_RULES } from '../../core/admission.js'
import { newCompletionFrame } from '../../openai/completion-frame.js'
import { readCompletionsRequest } from '../../openai/completions-reader.js'
import { CompletionWriter } from '../../openai/sse-writer.js'
import { answerSchemas, UPSTREAM_ERRORS } from '../../schemas/answer-schemas.js'
import { OPENAI_DIALECT, OpenAiCompletionRequestSchema } from '../../schemas/openai.js'
import { OpenAiTextCompletionChunkSchema, OpenAiTextCompletionSchema } from '../../schemas/openai-answers.js'
import { DEFAULT_KEEP_ALIVE_MS } from '../defaults.js'

const completionsRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/v1/completions', {
    schema: {
      operationId: 'openAiCreateCompletion',
      summary: 'OpenAI (legacy) completions over the same models',
      tags: ['openai'],
      body: Type.Ref(OpenAiCompletionRequestSchema),
      response: answerSchemas(OPENAI_DIALECT, {
        description: 'A `text_completion` object, or with `stream: true` `text_completion` server-sent events ending with `data: [DONE]`',
        json: OpenAiTextCompletionSchema,
        stream: OpenAiTextCompletionChunkSchema,
        errors: { ...UPSTREAM_ERRORS, 400: 'Invalid request, or a capability the model lacks (insert, generate)' }
      })
    }
  }, async (request, reply) => {
    const read = readCompletionsRequest(request.body)
    const admitted = admitChat(fastify.providers, fastify.config.DEFAULT_MODEL, read, GENERATE_RULES)
    const writer = new CompletionWriter(newCompletionFrame('text', admitted.echo), request.body.stream_options?.include_usage === true)
    return fastify.answer(request, reply, { model: admitted.model, chat: admitted.chat, keepAliveMs: DEFAULT_KEEP_ALIVE_MS, stream: read.stream }, writer)
  })
}

export default completionsRoute
