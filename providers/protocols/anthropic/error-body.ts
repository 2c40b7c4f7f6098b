/** The message in an Anthropic error body or `error` stream event: `{"type":"error","error":{"type","message"}}`. */
import { readErrorText } from '../../shared/error-text.js'

/** The message of a parsed Anthropic error body, `type: message` when both are given; undefined for any other shape. */
export function readAnthropicError (body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const error = (body as { error?: unknown }).error
  if (typeof error !== 'object' || error === null) return undefined
  const { type, message } = error as { type?: unknown, message?: unknown }
  if (typeof message === 'string' && message !== '') return typeof type === 'string' && type !== '' ? `${type}: ${message}` : message
  return typeof type === 'string' ? type : undefined
}

/**
 * A readable message from an Anthropic error response body as read (see readErrorText); never throws.
 * @see https://docs.claude.com/en/api/errors (checked 2026-11)
 */
export function readAnthropicErrorText (text: string): string | undefined {
  return readErrorText(text, readAnthropicError)
}

/** Anthropic's word for an unknown model: a 404 `not_found_error` whose message is `model: <id>` (as readAnthropicError joins them). */
export function isAnthropicUnknownModel (upstreamStatus: number, message: string): boolean {
  return upstreamStatus === 404 && /\bnot_found_error: model\b/i.test(message)
}
