/** The message in a Gemini error body or stream chunk: `{"error": {"code", "message", "status", "details"}}`. */

export function readGeminiError (body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const error = (body as { error?: unknown }).error
  if (typeof error !== 'object' || error === null) return typeof error === 'string' ? error : undefined
  const { message, status } = error as { message?: unknown, status?: unknown }
  if (typeof message === 'string' && message !== '') return typeof status === 'string' && status !== '' ? `${status}: ${message}` : message
  return typeof status === 'string' ? status : undefined
}

export function readGeminiErrorText (text: string): string | undefined {
  try {
    // Without alt=sse, or from some proxies, errors come wrapped in an array.
    const parsed: unknown = JSON.parse(text)
    return readGeminiError(Array.isArray(parsed) ? parsed[0] : parsed)
  } catch {
    const trimmed = text.trim()
    return trimmed === '' ? undefined : trimmed.slice(0, 500)
  }
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
