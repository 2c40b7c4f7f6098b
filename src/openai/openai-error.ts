/** OpenAI's error body, with the type Ollama's `/v1` layer derives from the status. */

/** The `type` Ollama's openai middleware gives an error of this HTTP status (openai/openai.go `NewError`). */
export function openAiErrorType (statusCode: number): string {
  if (statusCode === 400) return 'invalid_request_error'
  if (statusCode === 404) return 'not_found_error'
  return 'api_error'
}

/**
 * `{"error": {"message", "type", "param": null, "code": null}}`: every `/v1` error answer (rendered by
 * plugins/error-handler.ts for the routes under `renderErrorsAs`) and the SSE error frame of a stream already begun.
 */
export function openAiErrorBody (statusCode: number, message: string) {
  return { error: { message, type: openAiErrorType(statusCode), param: null, code: null } }
}
