/**
 * POST /v1/messages/count_tokens: `{input_tokens}` for a conversation. Claude Code calls it every turn. The
 * provider's own count where it has a counting API (Anthropic, Gemini); otherwise, or when that call fails,
 * an estimate with o200k_base (src/core/estimate-tokens.ts). Real Ollama serves it only on its desktop gateway.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { estimateInputTokens } from '../../core/estimate-tokens.js'
import { readConversation } from '../../anthropic/messages-reader.js'
import { resolveRequestedModel, withPresetMessages } from '../../core/admission.js'
import { checkRequestStructures } from '../../core/structure-bounds.js'
import type { NormalisedChatRequest } from '../../core/chat-request.js'
import type { ResolvedModel } from '../../core/provider-registry.js'
import { InvalidRequestError, ModelRequiredError } from '../../errors.js'
import { callUpstreamJson } from '../../upstream/call-upstream-json.js'
import { linkUpstreamSignal } from '../../upstream/upstream-signal.js'
import { answerSchemas, UPSTREAM_ERRORS } from '../../schemas/answer-schemas.js'
import { ANTHROPIC_DIALECT, AnthropicCountTokensRequestSchema, AnthropicCountTokensSchema } from '../../schemas/anthropic.js'

const countTokensRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/v1/messages/count_tokens', {
    schema: {
      operationId: 'anthropicCountTokens',
      summary: 'Input tokens of a conversation: the provider\'s own count, or an estimate',
      tags: ['anthropic'],
      body: Type.Ref(AnthropicCountTokensRequestSchema),
      response: answerSchemas(ANTHROPIC_DIALECT, {
        description: 'The input token count',
        json: AnthropicCountTokensSchema,
        errors: { ...UPSTREAM_ERRORS, 400: 'Invalid request: no model, no messages, or a message this dialect cannot read', 404: 'Unknown model' }
      })
    }
  }, async (request) => {
    const body = request.body
    if (body.model === undefined || body.model === '') throw new ModelRequiredError()
    if (body.messages === undefined || body.messages.length === 0) throw new InvalidRequestError('messages is required')
    const conversation = readConversation(body)
    const requested = resolveRequestedModel(fastify.providers, body.model, undefined, 'model-required')
    // What would be sent: the alias's system prompt and messages count too.
    const chat = withPresetMessages({
      messages: conversation.messages,
      options: {},
      ...(conversation.tools.length > 0 ? { tools: conversation.tools } : {}),
      ...(conversation.think === undefined ? {} : { think: conversation.think })
    }, requested.model.preset, 'chat')
    checkRequestStructures(chat)
    const counted = await countWithProvider(fastify, request, requested.model, chat)
    return { input_tokens: counted ?? await estimateInputTokens(chat) }
  })
}

/** The provider's count, or undefined when it has no counting API or the call failed (logged; the estimate answers). */
async function countWithProvider (fastify: FastifyInstance, request: FastifyRequest, model: ResolvedModel, chat: NormalisedChatRequest): Promise<number | undefined> {
  const { provider, card } = model
  const { buildCountTokensRequest, readCountTokensResponse } = provider.protocol
  if (buildCountTokensRequest === undefined || readCountTokensResponse === undefined) return undefined
  const context = fastify.upstreamContext
  const upstreamSignal = linkUpstreamSignal(request.abortSignal, context.shutdownSignal, context.deadlineMs)
  try {
    const upstreamRequest = buildCountTokensRequest(chat, { descriptor: provider.descriptor, card })
    const answer = await callUpstreamJson(context.dispatcher, provider, upstreamRequest, upstreamSignal.signal, { policy: context.retry, deadline: upstreamSignal.deadline })
    return readCountTokensResponse(answer)
  } catch (error) {
    // The client left: nothing to answer.
    if (request.abortSignal.aborted) throw error
    request.log.warn({ model: model.name, err: error }, 'the provider could not count tokens; answering an estimate')
    return undefined
  } finally {
    upstreamSignal.release()
  }
}

export default countTokensRoute
