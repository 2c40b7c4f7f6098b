/** Sends one `/v1` answer: the upstream's ChatEvents as SSE chunks when streamed, folded into one object otherwise. */
import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { UpstreamJob } from '../../../plugins/translation.js'
import { aggregateCompletion } from '../../openai/aggregate-completion.js'
import type { CompletionFrame } from '../../openai/completion-frame.js'
import { sseCompletionChunks } from '../../openai/sse-writer.js'

export interface CompletionDelivery {
  readonly frame: CompletionFrame
  readonly stream: boolean
  readonly includeUsage: boolean
}

export async function sendCompletion (fastify: FastifyInstance, request: FastifyRequest, reply: FastifyReply, job: UpstreamJob, delivery: CompletionDelivery): Promise<FastifyReply> {
  const { events, metrics, body } = await fastify.openAnswer(request, job)
  if (!delivery.stream) {
    try {
      return await reply.type('application/json').send(await aggregateCompletion(events, delivery.frame, metrics))
    } finally {
      body.destroy()
    }
  }
  const source = Readable.from(sseCompletionChunks(events, delivery.frame, delivery.includeUsage, metrics), { objectMode: false })
  // Whatever ends the reply (done, error event, client gone), stop reading the upstream.
  reply.raw.once('close', () => {
    source.destroy()
    body.destroy()
  })
  return reply.type('text/event-stream').header('cache-control', 'no-cache').send(source)
}
