/**
 * Sends one answer through an AnswerWriter: streamed (pulled by the client, upstream destroyed when the reply
 * ends for any reason) or folded into one JSON body. Stands in for the translation plugin's
 * `answer(request, reply, job, writer)` until that lands; the lifecycle is send-completion.ts's.
 */
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { UpstreamJob } from '../../../plugins/translation.js'
import type { AnswerWriter } from '../../core/dialect.js'

export async function sendAnswer (fastify: FastifyInstance, request: FastifyRequest, reply: FastifyReply, job: UpstreamJob, writer: AnswerWriter, stream: boolean): Promise<FastifyReply> {
  const { events, metrics, body } = await fastify.openAnswer(request, job)
  if (!stream) {
    try {
      return await reply.type(writer.jsonContentType).send(await writer.fold(events, metrics))
    } finally {
      body.destroy()
    }
  }
  const source = Readable.from(writer.stream(events, metrics), { objectMode: false })
  reply.raw.once('close', () => {
    source.destroy()
    body.destroy()
  })
  return reply.type(writer.streamContentType).header('cache-control', 'no-cache').send(source)
}
