/** Anthropic's error body, `{"type":"error","error":{"type","message"},"request_id"}`, with the type its API gives each status. */
import { newAnthropicId } from './anthropic-ids.js'

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error'

export interface AnthropicErrorBody {
  readonly type: 'error'
  readonly error: { readonly type: AnthropicErrorType, readonly message: string }
  /** `req_` and 24 hex digits, as Ollama's layer makes them. */
  readonly request_id: string
}

/**
 * The error type for an HTTP status. Ollama's `anthropic.NewError` has the same table but answers
 * `api_error` for 413; the real API's `request_too_large` is used there.
 * @see https://docs.claude.com/en/api/errors (checked 2026-11)
 */
export function anthropicErrorType (statusCode: number): AnthropicErrorType {
  switch (statusCode) {
    case 400: return 'invalid_request_error'
    case 401: return 'authentication_error'
    case 403: return 'permission_error'
    case 404: return 'not_found_error'
    case 413: return 'request_too_large'
    case 429: return 'rate_limit_error'
    case 503:
    case 529:
      return 'overloaded_error'
    default:
      return 'api_error'
  }
}

/** The whole error body for a status and message; the same object goes in an SSE `event: error` frame mid-stream. */
export function anthropicErrorBody (statusCode: number, message: string): AnthropicErrorBody {
  return { type: 'error', error: { type: anthropicErrorType(statusCode), message }, request_id: newAnthropicId('req') }
}
