/**
 * The core translation plugin: `fastify.answer()` sends a normalised request upstream and writes the
 * reply as Ollama does, streamed (NDJSON) or as one JSON object. Routes call it; it knows no provider.
 */
import { Readable } from 'node:stream'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { NormalisedChatRequest } from '../src/core/chat-request.js'
import type { ResolvedModel } from '../src/core/provider-registry.js'
import { RecentModels } from '../src/core/recent-models.js'
import { AnswerMetrics } from '../src/ollama/answer-metrics.js'
import { aggregateAnswer } from '../src/ollama/aggregate.js'
import type { AnswerShape } from '../src/ollama/chunk-builder.js'
import { ndjsonLines } from '../src/ollama/ndjson-encoder.js'
import { callUpstream } from '../src/upstream/call-upstream.js'
import { chatEvents } from '../src/upstream/chat-events.js'

export interface AnswerJob {
  readonly model: ResolvedModel
  readonly chat: NormalisedChatRequest
  readonly shape: AnswerShape
  /** The model name exactly as the client sent it, echoed in every chunk. */
  readonly echoModel: string
  readonly stream: boolean
  readonly keepAliveMs: number
}

/** What the request log line reports about an answer. */
export interface AnswerLog {
  model: string
  provider: string
  metrics: AnswerMetrics
}

declare module 'fastify' {
  interface FastifyInstance {
    answer(request: FastifyRequest, reply: FastifyReply, job: AnswerJob): Promise<FastifyReply>
    recentModels: RecentModels
  }
  interface FastifyRequest {
    answerLog: AnswerLog | null
  }
}

export default fp(async function translation (fastify) {
  fastify.decorate('recentModels', new RecentModels())
  fastify.decorateRequest('answerLog', null)

  fastify.decorate('answer', async function answer (request: FastifyRequest, reply: FastifyReply, job: AnswerJob) {
    const { provider, card } = job.model
    const metrics = new AnswerMetrics()
    request.answerLog = { model: job.model.name, provider: provider.descriptor.id, metrics }
    const upstreamRequest = provider.protocol.buildChatRequest(job.chat, { descriptor: provider.descriptor, card })
    const body = await callUpstream(fastify.upstream, provider, upstreamRequest, request.abortSignal)
    metrics.markHeaders()
    fastify.recentModels.touch(job.model, job.keepAliveMs)
    const events = chatEvents(body, provider.protocol.createStreamMapper(), request.abortSignal)

    if (!job.stream) {
      return reply.type('application/json; charset=utf-8').send(await aggregateAnswer(events, job.shape, job.echoModel, metrics))
    }
    // Fastify destroys this stream when the client goes away, which returns the generators and destroys the upstream body.
    return reply.type('application/x-ndjson').send(Readable.from(ndjsonLines(events, job.shape, job.echoModel, metrics), { objectMode: false }))
  })
}, { name: 'translation', fastify: '5.x', dependencies: ['upstream-agent', 'client-abort'] })
