/** POST /v1/chat/completions, as Ollama's OpenAI compatibility layer serves it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { hasCapability } from '../../core/capabilities.js'
import { ChatUnsupportedError } from '../../errors.js'
import { checkThinking, checkTools, checkVision, resolveRequestedModel } from '../../ollama/model-admission.js'
import { readOptions } from '../../ollama/request-fields.js'
import { newCompletionFrame } from '../../openai/completion-frame.js'
import { readOpenAiMessages, readOpenAiOptions, readOpenAiTools, readReasoningEffort, readResponseFormat } from '../../openai/from-openai-chat.js'
import { answerSchemas, UPSTREAM_ERRORS } from '../../schemas/answer-schemas.js'
import { OPENAI_DIALECT, OpenAiChatRequestSchema } from '../../schemas/openai.js'
import { OpenAiChatCompletionChunkSchema, OpenAiChatCompletionSchema } from '../../schemas/openai-answers.js'
import { DEFAULT_KEEP_ALIVE_MS } from '../defaults.js'
import { sendCompletion } from './send-completion.js'

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
    const body = request.body
    // Ollama converts the request before it looks the model up, so format errors come first.
    const messages = readOpenAiMessages(body.messages)
    const think = readReasoningEffort(body.reasoning_effort ?? body.reasoning?.effort)
    const format = readResponseFormat(body.response_format)
    const requested = resolveRequestedModel(fastify.providers, body.model, fastify.config.DEFAULT_MODEL, 'model-required')
    checkThinking(requested, think)
    if (!hasCapability(requested.model.card, 'completion')) throw new ChatUnsupportedError(requested.echo)
    const tools = readOpenAiTools(body.tools)
    checkTools(requested, tools.length)
    checkVision(requested, messages.some((message) => (message.images ?? []).length > 0))
    const { preset } = requested.model
    messages.unshift(...(preset?.messages ?? []))
    if (preset?.system !== undefined && !messages.some((message) => message.role === 'system')) {
      messages.unshift({ role: 'system', content: preset.system })
    }
    return sendCompletion(fastify, request, reply, {
      model: requested.model,
      keepAliveMs: DEFAULT_KEEP_ALIVE_MS,
      chat: {
        messages,
        options: readOptions({ ...preset?.options, ...readOpenAiOptions(body) }),
        ...(tools.length > 0 ? { tools } : {}),
        ...(think === undefined ? {} : { think }),
        ...(format === undefined ? {} : { format })
      }
    }, {
      frame: newCompletionFrame('chat', requested.echo),
      stream: body.stream === true,
      includeUsage: body.stream_options?.include_usage === true
    })
  })
}

export default chatCompletionsRoute
