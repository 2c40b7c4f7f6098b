/** The message in a Gemini error body or stream chunk: `{"error": {"code", "message", "status", "details"}}`. */
import { readErrorText } from '../../shared/error-text.js'

/** The message of a parsed Gemini error body, `STATUS: message` when both are given (a bare string `error` too); undefined for any other shape. */
export function readGeminiError (body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const error = (body as { error?: unknown }).error
  if (typeof error !== 'object' || error === null) return typeof error === 'string' ? error : undefined
  const { message, status } = error as { message?: unknown, status?: unknown }
  if (typeof message === 'string' && message !== '') return typeof status === 'string' && status !== '' ? `${status}: ${message}` : message
  return typeof status === 'string' ? status : undefined
}

/**
 * A readable message from a Gemini error response body as read (see readErrorText); never throws.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting (checked 2026-11)
 */
export function readGeminiErrorText (text: string): string | undefined {
  // Without alt=sse, or from some proxies, errors come wrapped in an array.
  return readErrorText(text, (body) => readGeminiError(Array.isArray(body) ? body[0] : body))
}

/**
 * Client status for Gemini's own wording: a bad key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID
 * ("API key not valid. Please pass a valid API key."), the refused key it is: 401, as every other provider answers.
 */
export function classifyGeminiError (upstreamStatus: number, message: string): number | undefined {
  if (upstreamStatus === 400 && INVALID_KEY_MESSAGE.test(message)) return 401
  return undefined
}

const INVALID_KEY_MESSAGE = /\bAPI key (not valid|invalid)\b|\bAPI_KEY_INVALID\b/i

/** Gemini's word for an unknown model: a 404 "models/x is not found for API version v1beta, or is not supported for …". */
export function isGeminiUnknownModel (upstreamStatus: number, message: string): boolean {
  return upstreamStatus === 404 && /\bmodels\/\S+ is not found\b|\bmodel\b.*\bnot found\b/i.test(message)
}
