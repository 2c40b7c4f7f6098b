/** The message in an Ollama error body: `{"error": "..."}`. */
export function readOllamaErrorText (text: string): string | undefined {
  try {
    const error = (JSON.parse(text) as { error?: unknown } | null)?.error
    return typeof error === 'string' ? error : undefined
  } catch {
    const trimmed = text.trim()
    return trimmed === '' ? undefined : trimmed.slice(0, 500)
  }
}
