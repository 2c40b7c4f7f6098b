/** Response documentation shared by the `/v1` inference routes. */
import { Type } from '@sinclair/typebox'
import { OpenAiErrorBodySchema } from '../../schemas/openai.js'

export function openAiResponses (answer: string) {
  const error = Type.Ref(OpenAiErrorBodySchema)
  return {
    200: { description: answer, type: 'object', additionalProperties: true },
    400: { description: 'Invalid request, or a capability the model lacks', ...error },
    404: { description: 'Unknown model', ...error },
    429: { description: 'Upstream rate limit', ...error },
    502: { description: 'Upstream failure', ...error },
    504: { description: 'Upstream timeout', ...error }
  }
}
