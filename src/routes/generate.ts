/** POST /api/generate */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { hasCapability } from '../core/capabilities.js'
import type { ChatMessage } from '../core/chat-request.js'
import { GenerateUnsupportedError, InsertUnsupportedError, RawConflictError } from '../errors.js'
import { parseKeepAlive } from '../ollama/keep-alive.js'
import { loadAnswer } from '../ollama/load-answer.js'
import { checkThinking, resolveRequestedModel } from '../ollama/model-admission.js'
import { readFormat, readOptions, readThink } from '../ollama/request-fields.js'
import { GenerateRequestSchema, GenerateResponseSchema } from '../schemas/generate.js'
import { DEFAULT_KEEP_ALIVE_MS } from './defaults.js'
import { inferenceResponses } from './inference-responses.js'

const generateRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/api/generate', {
    schema: {
      summary: 'Generate a completion for a prompt',
      tags: ['inference'],
      body: GenerateRequestSchema,
      response: inferenceResponses(GenerateResponseSchema)
    }
  }, async (request, reply) => {
    const body = request.body ?? {}
    const requested = resolveRequestedModel(fastify.providers, body.model, fastify.config.DEFAULT_MODEL, 'not-found')
    const keepAliveMs = parseKeepAlive(body.keep_alive, DEFAULT_KEEP_ALIVE_MS)
    const prompt = body.prompt ?? ''
    if (prompt === '' && keepAliveMs === 0) {
      fastify.recentModels.forget(requested.model)
      return loadAnswer('generate', requested.echo, true)
    }
    const hasContext = body.context !== undefined && body.context !== null && body.context.length > 0
    if (body.raw === true && (body.template || body.system || hasContext)) throw new RawConflictError()
    const think = readThink(body.think)
    checkThinking(requested, think)
    if (!hasCapability(requested.model.card, 'completion')) throw new GenerateUnsupportedError(requested.echo)
    if (body.suffix && !hasCapability(requested.model.card, 'insert')) throw new InsertUnsupportedError(requested.model.name)
    if (prompt === '') {
      fastify.recentModels.touch(requested.model, keepAliveMs)
      return loadAnswer('generate', requested.echo, false)
    }
    if (body.template) request.log.debug('generate: template ignored, providers apply their own chat templates')
    const format = readFormat(body.format)
    const { preset } = requested.model
    const system = body.system || preset?.system
    const messages: ChatMessage[] = []
    if (system && body.raw !== true) messages.push({ role: 'system', content: system })
    if (body.raw !== true) messages.push(...(preset?.messages ?? []))
    messages.push({ role: 'user', content: prompt, ...(body.images ? { images: body.images } : {}) })
    return fastify.answer(request, reply, {
      model: requested.model,
      echoModel: requested.echo,
      shape: 'generate',
      stream: body.stream !== false,
      keepAliveMs,
      chat: {
        messages,
        options: readOptions({ ...preset?.options, ...body.options }),
        ...(think === undefined ? {} : { think }),
        ...(format === undefined ? {} : { format })
      }
    })
  })
}

export default generateRoute
