/** POST /api/generate */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { hasCapability } from '../core/capabilities.js'
import type { ChatMessage } from '../core/chat-request.js'
import { GenerateUnsupportedError, InsertUnsupportedError, RawConflictError } from '../errors.js'
import { parseKeepAlive } from '../ollama/keep-alive.js'
import { loadAnswer } from '../ollama/load-answer.js'
import { checkImageData } from '../ollama/image-data.js'
import { checkThinking, checkVision, resolveRequestedModel } from '../ollama/model-admission.js'
import { readFormat, readOptions, readThink } from '../ollama/request-fields.js'
import { answerSchemas, uncheckedHandler, UPSTREAM_ERRORS } from '../schemas/answer-schemas.js'
import { OLLAMA_DIALECT } from '../schemas/common.js'
import { GenerateChunkSchema, GenerateRequestSchema, GenerateResponseSchema } from '../schemas/generate.js'
import { DEFAULT_KEEP_ALIVE_MS } from './defaults.js'

const generateRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/api/generate', {
    schema: {
      operationId: 'generate',
      summary: 'Generate a completion for a prompt',
      tags: ['inference'],
      body: Type.Ref(GenerateRequestSchema),
      response: uncheckedHandler(answerSchemas(OLLAMA_DIALECT, {
        description: 'NDJSON chunks ending with `done: true` (the default), or one JSON answer with `stream: false`; ' +
          'an empty prompt answers a load (or, with keep_alive 0, unload) object',
        json: GenerateResponseSchema,
        stream: GenerateChunkSchema,
        errors: {
          ...UPSTREAM_ERRORS,
          400: 'Invalid request, bad image data, raw with template/system/context, or a capability the model lacks (thinking, vision, insert)',
          500: 'An internal failure, or an option of the wrong type (Ollama\'s status for it)'
        }
      }))
    }
  }, async (request, reply) => {
    const body = request.body ?? {}
    // Ollama decodes images while reading the body, before it looks at the model.
    checkImageData(body.images)
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
    checkVision(requested, (body.images ?? []).length > 0)
    const { preset } = requested.model
    const options = readOptions({ ...preset?.options, ...body.options })
    if (prompt === '') {
      fastify.recentModels.touch(requested.model, keepAliveMs)
      return loadAnswer('generate', requested.echo, false)
    }
    if (body.template) request.log.debug('generate: template ignored, providers apply their own chat templates')
    if (body.raw === true) request.log.debug('generate: raw accepted; the provider still applies its chat template')
    if (hasContext) request.log.debug('generate: context accepted and ignored, providers keep no token state')
    const format = readFormat(body.format)
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
        options,
        // Fill-in-the-middle: the prompt is the text before the insertion point.
        ...(body.suffix ? { suffix: body.suffix } : {}),
        ...(think === undefined ? {} : { think }),
        ...(format === undefined ? {} : { format })
      }
    })
  })
}

export default generateRoute
