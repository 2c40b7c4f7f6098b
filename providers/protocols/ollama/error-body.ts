/** The message in an Ollama error body: `{"error": "..."}`. */
import { readErrorText } from '../../shared/error-text.js'

/** A readable message from an Ollama error response body as read (see readErrorText); never throws. */
export function readOllamaErrorText (text: string): string | undefined {
  return readErrorText(text, (body) => {
    const error = (body as { error?: unknown } | null)?.error
    return typeof error === 'string' ? error : undefined
  })
}

/** Ollama's word for an unknown model: a 404 `model 'x' not found` (`model "x" not found, try pulling it first` from embed). */
export function isOllamaUnknownModel (upstreamStatus: number, message: string): boolean {
  return upstreamStatus === 404 && /\bmodel ['"].*['"] not found\b/i.test(message)
}
