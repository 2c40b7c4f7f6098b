/** Ollama's reading of `logprobs` and `top_logprobs`, shared by its native readers and its `/v1` layer. */
import { MAX_TOP_LOGPROBS, type LogprobsRequest } from './chat-request.js'
import { TopLogprobsRangeError } from '../errors.js'

/**
 * Throws TopLogprobsRangeError (400 `top_logprobs must be between 0 and 20`) for a value outside 0–20, whether or not
 * `logprobs` is set: Ollama's chat and generate handlers check it first, right after decoding (server/routes.go).
 */
export function checkTopLogprobs (top: number | null | undefined): void {
  if (typeof top === 'number' && (top < 0 || top > MAX_TOP_LOGPROBS)) throw new TopLogprobsRangeError()
}

/** The ask, when `logprobs` is true; `top_logprobs` alone asks for nothing, as in Ollama's runner. Call `checkTopLogprobs` first. */
export function readLogprobsRequest (logprobs: boolean | null | undefined, top: number | null | undefined): LogprobsRequest | undefined {
  return logprobs === true ? { top: top ?? 0 } : undefined
}
