/** Ollama's error body, for an error answer and for the error line that ends a stream. */

/**
 * `{"error": message}`: the whole body of every Ollama error answer, whatever its status (gin's
 * `c.JSON(status, gin.H{"error": err.Error()})`), and the last NDJSON line of a failed stream.
 */
export function ollamaErrorBody (_statusCode: number, message: string): { error: string } {
  return { error: message }
}
