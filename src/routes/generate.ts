/** POST /api/generate */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { checkCapabilities, checkLogprobs, GENERATE_RULES, presetOptions, resolveRequestedModel, withPresetMessages } from '../core/admission.js'
import { decodeGenerateBody, generateNeeds, hasContext, readContextTurns, readGenerateRequest } from '../ollama/generate-reader.js'
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
          400: 'Invalid request, bad image data, top_logprobs outside 0–20, raw with template/system/context, a capability the model lacks ' +
            '(thinking, vision, insert), logprobs its provider cannot return, or a context this server did not issue',
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
    const turns = readContextTurns(body)
    const read = readGenerateRequest(body, options, turns)
    // A raw prompt goes as sent: no system prompt, no preset messages. With a context, the preset's messages are
    // not repeated (as Ollama adds a model's MESSAGEs only without one); its system prompt still leads.
    const chat = body.raw === true
      ? read.chat
      : withPresetMessages(read.chat, hasContext(body) && preset !== undefined ? { ...preset, messages: undefined } : preset, GENERATE_RULES.kind)
    checkLogprobs(requested, chat)
    // Raw answers carry no context, as in Ollama.
    const conversation = body.raw === true ? undefined : { turns, prompt: body.prompt ?? '' }
    const writer = new NdjsonAnswerWriter('generate', requested.echo, conversation)
    return fastify.answer(request, reply, { model: requested.model, chat, keepAliveMs, stream: read.stream }, writer)
  })
}

export default generateRoute
