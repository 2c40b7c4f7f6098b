/**
 * Pull, push and create answers: Ollama's progress objects as NDJSON ending with {"status":"success"},
 * or, with `stream: false`, the last of them alone. A failure ends the stream with an error line; unstreamed,
 * it is thrown, for the error handler to answer (a 500, as Ollama's waitForStream answers).
 */
import type { FastifyReply } from 'fastify'
import type { AdapterError } from '../errors.js'
import { ollamaErrorBody } from './ollama-error.js'

export interface Progress {
  readonly status: string
  readonly digest?: string
  readonly total?: number
  readonly completed?: number
}

/**
 * Sends `steps` as NDJSON (`stream`) or the last step as one JSON object. With a `failure` (a catalogue error),
 * the stream ends with its `{"error"}` line after the steps; unstreamed, the failure is thrown instead.
 */
export function sendProgress (reply: FastifyReply, steps: readonly Progress[], stream: boolean, failure?: AdapterError): FastifyReply {
  if (!stream) {
    if (failure !== undefined) throw failure
    return reply.type('application/json; charset=utf-8').send(steps.at(-1) ?? { status: 'success' })
  }
  const lines = steps.map((step) => JSON.stringify(step) + '\n')
  if (failure !== undefined) lines.push(JSON.stringify(ollamaErrorBody(failure.statusCode, failure.message)) + '\n')
  // A Buffer, so Fastify adds no charset: Ollama's stream type is the bare application/x-ndjson.
  return reply.type('application/x-ndjson').send(Buffer.from(lines.join('')))
}
