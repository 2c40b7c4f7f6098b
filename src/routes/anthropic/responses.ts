/** Response documentation shared by the `/v1/messages` routes: every error in Anthropic's shape. */
import { AnthropicErrorBodySchema } from '../../schemas/anthropic.js'

export function anthropicResponses (answer: Record<string, unknown>) {
  const error = AnthropicErrorBodySchema
  return {
    200: answer,
    400: { ...error, description: 'Invalid request, or a capability the model lacks (invalid_request_error)' },
    401: { ...error, description: 'Missing or wrong client key with API_KEYS set, or the provider refused its key (authentication_error)' },
    404: { ...error, description: 'Unknown model (not_found_error)' },
    413: { ...error, description: 'Body too large (request_too_large)' },
    429: { ...error, description: 'Upstream rate limit (rate_limit_error)' },
    502: { ...error, description: 'Upstream failure (api_error)' },
    503: { ...error, description: 'Upstream overloaded, or the server is shutting down (overloaded_error)' },
    504: { ...error, description: 'Upstream timeout (api_error)' }
  }
}
