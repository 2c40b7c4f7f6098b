/** The message in an Ollama error body: `{"error": "..."}`. */
import { readErrorText } from '../../shared/error-text.js'

/** The `error` string of a parsed Ollama error body; undefined for any other shape. */
export function readOllamaError (body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { error } = body as { error?: unknown }
  return typeof error === 'string' ? error : undefined
}

/** A readable message from an Ollama error response body as read (see readErrorText); never throws. */
export function readOllamaErrorText (text: string): string | undefined {
  return readErrorText(text, readOllamaError)
}
