/** pino settings: level, and redaction of every place a key could appear. */
import type { FastifyServerOptions } from 'fastify'

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization'
]

export function loggerOptions (level: string): NonNullable<FastifyServerOptions['logger']> {
  return { level, redact: { paths: REDACTED_PATHS, censor: '***' } }
}
