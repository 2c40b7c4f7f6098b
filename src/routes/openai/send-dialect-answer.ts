/**
 * Sends one answer through a dialect's AnswerWriter: streamed pieces pulled by the client, or the fold
 * as one JSON body. A bridge with today's `fastify.openAnswer()` lifecycle (as send-completion.ts) until
 * the translation plugin's `answer(request, reply, job, writer)` owns it.
 */
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { UpstreamJob } from '../../../plugins/translation.js'
import type { AnswerWriter } from '../../core/dialect.js'

export async function sendDialectAnswer (fastify: FastifyInstance, request: FastifyRequest, reply: FastifyReply, job: UpstreamJob, writer: AnswerWriter, stream: boolean): Promise<FastifyReply> {
  const { events, metrics, body } = await fastify.openAnswer(request, job)
  if (!stream) {
    try {
      return await reply.type(writer.jsonContentType).send(await writer.fold(events, metrics))
    } finally {
      body.destroy()
    }
  }
  const source = Readable.from(writer.stream(events, metrics), { objectMode: false })
  // Whatever ends the reply (done, error event, client gone), stop reading the upstream.
  reply.raw.once('close', () => {
    source.destroy()
    body.destroy()
  })
  return reply.type(writer.streamContentType).header('cache-control', 'no-cache').send(source)
}
