/** pino settings: level, and redaction of every place a key could appear. */
import type { LoggerOptions } from 'pino'

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

/** `stream`: where lines go instead of stdout (tests capture them to check nothing leaks). */
export function loggerOptions (level: string, stream?: NodeJS.WritableStream): LoggerOptions & { stream?: NodeJS.WritableStream } {
  return { level, redact: { paths: REDACTED_PATHS, censor: '***' }, ...(stream === undefined ? {} : { stream }) }
}
