/**
 * The core translation plugin: `fastify.openAnswer()` sends a normalised request upstream and hands back
 * its ChatEvents; `fastify.answer()` writes them as Ollama does, streamed (NDJSON) or as one JSON object.
 * Other writers (the `/v1` SSE writer) take the same events. Routes call it; it knows no provider.
 */
import { Readable } from 'node:stream'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ChatEvent } from '../src/core/chat-event.js'
import type { NormalisedChatRequest } from '../src/core/chat-request.js'
import type { ResolvedModel } from '../src/core/provider-registry.js'
import { RecentModels } from '../src/core/recent-models.js'
import { AnswerMetrics } from '../src/core/answer-metrics.js'
import { aggregateAnswer } from '../src/ollama/aggregate.js'
import type { AnswerShape } from '../src/ollama/chunk-builder.js'
import { ndjsonLines } from '../src/ollama/ndjson-encoder.js'
import { chatEvents } from '../src/upstream/chat-events.js'
import { openUpstreamStream } from '../src/upstream/open-upstream-stream.js'

/** What any writer needs sent upstream. */
export interface UpstreamJob {
  readonly model: ResolvedModel
  readonly chat: NormalisedChatRequest
  readonly keepAliveMs: number
}

/** An upstream answer under way: its events, the figures a writer reports, and the body to destroy when done. */
export interface OpenedAnswer {
  readonly events: AsyncGenerator<ChatEvent>
  readonly metrics: AnswerMetrics
  readonly body: Readable
}

export interface AnswerJob extends UpstreamJob {
  readonly shape: AnswerShape
  /** The model name exactly as the client sent it, echoed in every chunk. */
  readonly echoModel: string
  readonly stream: boolean
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
    openAnswer(request: FastifyRequest, job: UpstreamJob): Promise<OpenedAnswer>
    recentModels: RecentModels
  }
  interface FastifyRequest {
    answerLog: AnswerLog | null
  }
}

export default fp(async function translation (fastify) {
  fastify.decorate('recentModels', new RecentModels())
  fastify.decorateRequest('answerLog', null)

  fastify.decorate('openAnswer', async function openAnswer (request: FastifyRequest, job: UpstreamJob): Promise<OpenedAnswer> {
    const metrics = new AnswerMetrics()
    request.answerLog = { model: job.model.name, provider: job.model.provider.descriptor.id, metrics }
    // Retries, fallbacks and the overall deadline; `answered` is the model that did answer.
    const { body, model: answered } = await openUpstreamStream(fastify.upstreamContext, job.model, job.chat, request.abortSignal, request.log)
    const { provider } = answered
    request.answerLog.provider = provider.descriptor.id
    metrics.markHeaders()
    fastify.recentModels.touch(job.model, job.keepAliveMs)
    const events = chatEvents(body, provider.protocol.createStreamMapper(), request.abortSignal, provider.protocol.framing)
    return { events, metrics, body }
  })

  fastify.decorate('answer', async function answer (request: FastifyRequest, reply: FastifyReply, job: AnswerJob) {
    const { events, metrics } = await fastify.openAnswer(request, job)
    if (!job.stream) {
      return reply.type('application/json; charset=utf-8').send(await aggregateAnswer(events, job.shape, job.echoModel, metrics))
    }
    // Fastify destroys this stream when the client goes away, which returns the generators and destroys the upstream body.
    return reply.type('application/x-ndjson').send(Readable.from(ndjsonLines(events, job.shape, job.echoModel, metrics), { objectMode: false }))
  })
}, { name: 'translation', fastify: '5.x', dependencies: ['upstream-agent', 'client-abort'] })
