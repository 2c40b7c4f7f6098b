/** The message in an Ollama error body: `{"error": "..."}`. */
import { readErrorText } from '../../shared/error-text.js'

export function readOllamaError (body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { error } = body as { error?: unknown }
  return typeof error === 'string' ? error : undefined
}

export function readOllamaErrorText (text: string): string | undefined {
  return readErrorText(text, readOllamaError)
}
