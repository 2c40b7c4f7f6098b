/** The message in an Ollama error body: `{"error": "..."}`. */
import { readErrorText } from '../../shared/error-text.js'

/** A readable message from an Ollama error response body as read (see readErrorText); never throws. */
export function readOllamaErrorText (text: string): string | undefined {
  return readErrorText(text, (body) => {
    const error = (body as { error?: unknown } | null)?.error
    return typeof error === 'string' ? error : undefined
  })
}
