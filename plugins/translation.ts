/**
 * The translation plugin: `fastify.answer(request, reply, job, writer)` sends an admitted request upstream and
 * writes its ChatEvents with the dialect's writer, streamed or folded into one JSON body. It owns the reply's
 * lifecycle for every dialect; routes call it; it knows no provider and no dialect.
 */
import type { OutgoingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AnswerMetrics } from '../src/core/answer-metrics.js'
import type { ChatEvent } from '../src/core/chat-event.js'
import type { NormalisedChatRequest } from '../src/core/chat-request.js'
import type { AnswerWriter } from '../src/core/dialect.js'
import type { ResolvedModel } from '../src/core/provider-registry.js'
import { RecentModels } from '../src/core/recent-models.js'
import { dialectOfRoute } from '../src/metrics/service-metrics.js'
import { sharedRecentModels } from '../src/store/shared-recent-models.js'
import { cutAtStops, unsentStops } from '../src/core/stop-cutter.js'
import { writeTextStream } from '../src/core/text-stream.js'
import { chatEvents } from '../src/upstream/chat-events.js'
import { openUpstreamStream } from '../src/upstream/open-upstream-stream.js'
import { ModelNotFoundError, UpstreamModelNotFoundError } from '../src/errors.js'
import { routeLabel } from './metrics.js'

/** An admitted request: what goes upstream, and how the client wants it back. */
export interface AnswerJob {
  /** The model admission resolved (fallbacks come from its alias). */
  readonly model: ResolvedModel
  /** The request with the model's preset merged in. */
  readonly chat: NormalisedChatRequest
  /** How long `/api/ps` lists the model afterwards, in milliseconds. */
  readonly keepAliveMs: number
  /** Streamed with the writer's `stream()`, or one body from its `fold()`. */
  readonly stream: boolean
}

/** What the request log line and the metrics report about an answer. */
export interface AnswerLog {
  model: string
  provider: string
  metrics: AnswerMetrics
  /** The model the request resolved to: metrics label it only when the service lists it. */
  served: ResolvedModel
}

declare module 'fastify' {
  interface FastifyInstance {
    answer(request: FastifyRequest, reply: FastifyReply, job: AnswerJob, writer: AnswerWriter): Promise<FastifyReply>
    recentModels: RecentModels
  }
  interface FastifyRequest {
    answerLog: AnswerLog | null
  }
}

/** An upstream answer under way: its events, the figures a writer reports, and the body to destroy when done. */
interface OpenedAnswer {
  readonly events: AsyncGenerator<ChatEvent>
  readonly metrics: AnswerMetrics
  readonly body: Readable
  /** The model that answers: the admitted one or a fallback. */
  readonly answered: ResolvedModel
}

export default fp(async function translation (fastify) {
  // With REDIS_URL, /api/ps lists what any replica used.
  fastify.decorate('recentModels', new RecentModels(fastify.sharedState === undefined ? undefined : sharedRecentModels(fastify.sharedState)))
  fastify.decorateRequest('answerLog', null)

  /**
   * Answers one admitted request. Upstream failures before the answer starts (after retries and fallbacks) throw
   * their UpstreamError; an `error` event before the first byte throws the writer's UpstreamAnswerError; both reach
   * the error handler with a status. Later errors are the writer's in-band line. Whatever ends the reply (done, error
   * line, client gone), the upstream body is destroyed, which releases its connection.
   */
  fastify.decorate('answer', async function answer (request: FastifyRequest, reply: FastifyReply, job: AnswerJob, writer: AnswerWriter) {
    const { events, metrics, body, answered } = await openAnswer(fastify, request, job)
    writer.answeredBy?.(answered)
    if (!job.stream) {
      let folded: unknown
      try {
        folded = await writer.fold(events, metrics)
      } finally {
        body.destroy()
      }
      return reply.type(writer.jsonContentType).send(folded)
    }
    const dialect = dialectOfRoute(routeLabel(request))
    const texts = writer.stream(events, metrics)
    // Whatever ends the reply (done, error line, client gone), the upstream body goes: that releases its connection.
    reply.raw.once('close', () => body.destroy())
    // The first line decides the status: an error before it (UpstreamAnswerError) reaches the error handler.
    let first: IteratorResult<string>
    try {
      first = await texts.next()
    } catch (error) {
      body.destroy()
      throw error
    }
    reply.type(writer.streamContentType)
    if (writer.streamHeaders !== undefined) reply.headers(writer.streamHeaders)
    // From here the lines are written to the socket directly (src/core/text-stream.ts); onResponse hooks still run.
    reply.hijack()
    if (reply.raw.destroyed) {
      // The client left while the first line was awaited.
      await texts.return(undefined)
      return reply
    }
    reply.raw.writeHead(reply.statusCode, reply.getHeaders() as OutgoingHttpHeaders)
    fastify.metrics.streamOpened(dialect)
    reply.raw.once('close', () => fastify.metrics.streamClosed(dialect))
    void writeTextStream(reply.raw, first.done === true ? '' : first.value, texts, (error) => {
      request.log.error({ err: error }, 'the answer failed after its first line')
    })
    return reply
  })
}, { name: 'translation', fastify: '5.x', dependencies: ['shared-state', 'upstream-agent', 'client-abort', 'metrics'] })

/** Opens the upstream stream (retries, fallbacks, the overall deadline) and starts the request's log figures. */
async function openAnswer (fastify: FastifyInstance, request: FastifyRequest, job: AnswerJob): Promise<OpenedAnswer> {
  const metrics = new AnswerMetrics()
  metrics.estimateFrom(job.chat)
  request.answerLog = { model: job.model.name, provider: job.model.provider.descriptor.id, metrics, served: job.model }
  // `answered` is the model that did answer: the requested one or a fallback.
  let opened
  try {
    opened = await openUpstreamStream(fastify.upstreamContext, job.model, job.chat, request.abortSignal, request.log)
  } catch (error) {
    // The provider's verdict on a name we passed through, in Ollama's words for the name the client sent.
    if (error instanceof UpstreamModelNotFoundError) throw new ModelNotFoundError(requestedName(request, job.model), { cause: error })
    throw error
  }
  const { body, model: answered } = opened
  const { provider } = answered
  request.answerLog.provider = provider.descriptor.id
  metrics.markHeaders()
  fastify.recentModels.touch(job.model, job.keepAliveMs)
  const events = chatEvents(body, provider.protocol.createStreamMapper(), request.abortSignal, provider.protocol.framing)
  // Stop strings the provider could not take are enforced here; nothing is added to a stream without them.
  const { stop } = job.chat.options
  const enforced = stop === undefined || provider.protocol.sentStops === undefined
    ? undefined
    : unsentStops(stop, provider.protocol.sentStops(stop, { descriptor: provider.descriptor, card: answered.card }))
  return { events: enforced === undefined ? events : cutAtStops(events, enforced, job.chat), metrics, body, answered }
}

/** The model name as the client sent it (`model` in every dialect's body), else the model's listed name. */
export function requestedName (request: FastifyRequest, model: ResolvedModel): string {
  const sent = (request.body as { model?: unknown } | null | undefined)?.model
  return typeof sent === 'string' && sent !== '' ? sent : model.name
}
