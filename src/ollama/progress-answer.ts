/**
 * Pull, push and create answers: Ollama's progress objects as NDJSON ending with {"status":"success"},
 * or, with `stream: false`, the last of them alone. A failure ends the stream with an error line; unstreamed,
 * it is a 500 as Ollama's waitForStream answers.
 */
import type { FastifyReply } from 'fastify'

export interface Progress {
  readonly status: string
  readonly digest?: string
  readonly total?: number
  readonly completed?: number
}

export function sendProgress (reply: FastifyReply, steps: readonly Progress[], stream: boolean, failure?: string): FastifyReply {
  if (!stream) {
    if (failure !== undefined) return reply.code(500).type('application/json; charset=utf-8').send({ error: failure })
    return reply.type('application/json; charset=utf-8').send(steps.at(-1) ?? { status: 'success' })
  }
  const lines = steps.map((step) => JSON.stringify(step) + '\n')
  if (failure !== undefined) lines.push(JSON.stringify({ error: failure }) + '\n')
  // A Buffer, so Fastify adds no charset: Ollama's stream type is the bare application/x-ndjson.
  return reply.type('application/x-ndjson').send(Buffer.from(lines.join('')))
}
