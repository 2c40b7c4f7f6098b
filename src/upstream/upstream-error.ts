/** The status a client sees for a provider's error answer. */

// The class lives in the catalogue (src/errors.ts); the writers and the fallback loop import it from here.
export { UpstreamError } from '../errors.js'

/**
 * Status our client sees for an upstream HTTP error: request faults keep their meaning, a refused
 * key is 401 (the operator's key, named in the message), rate limits 429, overload 503, the rest a
 * bad gateway. A 400 whose message says the model does not exist (SiliconFlow's code 20012, and
 * others) is the unknown model it is: 404; one that says the key is invalid (Gemini answers a bad
 * key with 400 API_KEY_INVALID) is the refused key it is: 401.
 */
export function clientStatusFor (upstreamStatus: number, message = ''): number {
  if (upstreamStatus === 400 && UNKNOWN_MODEL_MESSAGE.test(message)) return 404
  if (upstreamStatus === 400 && INVALID_KEY_MESSAGE.test(message)) return 401
  if (upstreamStatus === 400 || upstreamStatus === 404 || upstreamStatus === 413) return upstreamStatus
  if (upstreamStatus === 422) return 400
  if (upstreamStatus === 401 || upstreamStatus === 403) return 401
  if (upstreamStatus === 429) return 429
  if (upstreamStatus === 503 || upstreamStatus === 529) return 503
  return 502
}

const INVALID_KEY_MESSAGE = /\bAPI key (not valid|invalid)\b|\bAPI_KEY_INVALID\b/i

const UNKNOWN_MODEL_MESSAGE = /\bmodel\b.*\b(does not exist|not found|not exist)\b/i
