/** POST /v1/completions: a prompt in, text out, as Ollama serves it on top of `/api/generate`. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { admitChat, GENERATE_RULES } from '../../core/admission.js'
import { newCompletionFrame } from '../../openai/completion-frame.js'
import { readCompletionsRequest } from '../../openai/completions-reader.js'
import { CompletionWriter } from '../../openai/sse-writer.js'
import { OpenAiCompletionRequestSchema } from '../../schemas/openai.js'
import { DEFAULT_KEEP_ALIVE_MS } from '../defaults.js'
import { openAiResponses } from './openai-responses.js'

const completionsRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/v1/completions', {
    schema: {
      summary: 'OpenAI (legacy) completions over the same models',
      tags: ['openai'],
      body: OpenAiCompletionRequestSchema,
      response: openAiResponses('A `text_completion` object, or `text_completion` server-sent events ending with `data: [DONE]` when `stream` is true')
    }
  }, async (request, reply) => {
    const read = readCompletionsRequest(request.body)
    const admitted = admitChat(fastify.providers, fastify.config.DEFAULT_MODEL, read, GENERATE_RULES)
    const writer = new CompletionWriter(newCompletionFrame('text', admitted.echo), request.body.stream_options?.include_usage === true)
    return fastify.answer(request, reply, { model: admitted.model, chat: admitted.chat, keepAliveMs: DEFAULT_KEEP_ALIVE_MS, stream: read.stream }, writer)
  })
}

export default completionsRoute
