/** POST /v1/completions: a prompt in, text out, as Ollama serves it on top of `/api/generate`. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { hasCapability } from '../../core/capabilities.js'
import type { ChatMessage } from '../../core/chat-request.js'
import { GenerateUnsupportedError, InsertUnsupportedError } from '../../errors.js'
import { resolveRequestedModel } from '../../ollama/model-admission.js'
import { readOptions } from '../../ollama/request-fields.js'
import { newCompletionFrame } from '../../openai/completion-frame.js'
import { readOpenAiOptions } from '../../openai/from-openai-chat.js'
import { answerSchemas, UPSTREAM_ERRORS } from '../../schemas/answer-schemas.js'
import { OPENAI_DIALECT, OpenAiCompletionRequestSchema } from '../../schemas/openai.js'
import { OpenAiTextCompletionChunkSchema, OpenAiTextCompletionSchema } from '../../schemas/openai-answers.js'
import { DEFAULT_KEEP_ALIVE_MS } from '../defaults.js'
import { sendCompletion } from './send-completion.js'

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
    const body = request.body
    const requested = resolveRequestedModel(fastify.providers, body.model, fastify.config.DEFAULT_MODEL, 'not-found')
    if (!hasCapability(requested.model.card, 'completion')) throw new GenerateUnsupportedError(requested.echo)
    if (body.suffix && !hasCapability(requested.model.card, 'insert')) throw new InsertUnsupportedError(requested.model.name)
    const { preset } = requested.model
    const messages: ChatMessage[] = []
    if (preset?.system !== undefined) messages.push({ role: 'system', content: preset.system })
    messages.push(...(preset?.messages ?? []))
    messages.push({ role: 'user', content: body.prompt })
    return sendCompletion(fastify, request, reply, {
      model: requested.model,
      keepAliveMs: DEFAULT_KEEP_ALIVE_MS,
      chat: {
        messages,
        options: readOptions({ ...preset?.options, ...readOpenAiOptions(body) }),
        // Fill-in-the-middle, as /api/generate does: the prompt is the text before the insertion point.
        ...(body.suffix ? { suffix: body.suffix } : {})
      }
    }, {
      frame: newCompletionFrame('text', requested.echo),
      stream: body.stream === true,
      includeUsage: body.stream_options?.include_usage === true
    })
  })
}

export default completionsRoute
