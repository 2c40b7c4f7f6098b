/** OpenAI's error body, with the type Ollama's `/v1` layer derives from the status. */

export function openAiErrorType (statusCode: number): string {
  if (statusCode === 400) return 'invalid_request_error'
  if (statusCode === 404) return 'not_found_error'
  return 'api_error'
}

export function openAiErrorBody (statusCode: number, message: string) {
  return { error: { message, type: openAiErrorType(statusCode), param: null, code: null } }
}
