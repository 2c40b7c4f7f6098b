/** POST /api/generate */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { checkCapabilities, GENERATE_RULES, presetOptions, resolveRequestedModel, withPresetMessages } from '../core/admission.js'
import { decodeGenerateBody, generateNeeds, hasContext, readGenerateRequest } from '../ollama/generate-reader.js'
import { checkRequestStructures } from '../core/structure-bounds.js'
import { parseKeepAlive } from '../ollama/keep-alive.js'
import { loadAnswer } from '../ollama/load-answer.js'
import { NdjsonAnswerWriter } from '../ollama/ndjson-writer.js'
import { answerSchemas, UPSTREAM_ERRORS } from '../schemas/answer-schemas.js'
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
      response: answerSchemas(OLLAMA_DIALECT, {
        description: 'NDJSON chunks ending with `done: true` (the default), or one JSON answer with `stream: false`; ' +
          'an empty prompt answers a load (or, with keep_alive 0, unload) object',
        json: GenerateResponseSchema,
        stream: GenerateChunkSchema,
        errors: {
          ...UPSTREAM_ERRORS,
          400: 'Invalid request, bad image data, raw with template/system/context, or a capability the model lacks (thinking, vision, insert)',
          500: 'An internal failure, or an option of the wrong type (Ollama\'s status for it)'
        }
      })
    }
  }, async (request, reply) => {
    const body = request.body ?? {}
    // In the order of Ollama's generate handler: see src/ollama/generate-reader.ts.
    decodeGenerateBody(body)
    const requested = resolveRequestedModel(fastify.providers, body.model, fastify.config.DEFAULT_MODEL, GENERATE_RULES.onEmptyModel)
    const keepAliveMs = parseKeepAlive(body.keep_alive, DEFAULT_KEEP_ALIVE_MS)
    const empty = (body.prompt ?? '') === ''
    if (empty && keepAliveMs === 0) {
      fastify.recentModels.forget(requested.model)
      return loadAnswer('generate', requested.echo, true)
    }
    checkCapabilities(requested, generateNeeds(body), GENERATE_RULES.kind)
    const { preset } = requested.model
    const options = presetOptions(preset, body.options)
    if (empty) {
      fastify.recentModels.touch(requested.model, keepAliveMs)
      return loadAnswer('generate', requested.echo, false)
    }
    if (body.template) request.log.debug('generate: template ignored, providers apply their own chat templates')
    if (body.raw === true) request.log.debug('generate: raw accepted; the provider still applies its chat template')
    if (hasContext(body)) request.log.debug('generate: context accepted and ignored, providers keep no token state')
    const read = readGenerateRequest(body, options)
    // A raw prompt goes as sent: no system prompt, no preset messages.
    checkRequestStructures(read.chat)
    const chat = body.raw === true ? read.chat : withPresetMessages(read.chat, preset, GENERATE_RULES.kind)
    return fastify.answer(request, reply, { model: requested.model, chat, keepAliveMs, stream: read.stream }, new NdjsonAnswerWriter('generate', requested.echo))
  })
}

export default generateRoute
