/** Response documentation shared by `/api/chat` and `/api/generate`: JSON or NDJSON, and Ollama's error bodies. */
import { Type, type TSchema } from '@sinclair/typebox'
import { ErrorBodySchema } from '../schemas/common.js'

export function inferenceResponses (answer: TSchema) {
  const error = Type.Ref(ErrorBodySchema)
  return {
    200: {
      description: 'One JSON answer when `stream` is false; otherwise NDJSON chunks ending with `done: true`, or with an `error` line if the upstream fails mid-stream',
      content: {
        'application/json': { schema: Type.Ref(answer) },
        'application/x-ndjson': { schema: Type.Ref(answer) }
      }
    },
    400: { description: 'Invalid request, or a capability the model lacks', ...error },
    404: { description: 'Unknown model', ...error },
    429: { description: 'Upstream rate limit', ...error },
    502: { description: 'Upstream failure', ...error },
    504: { description: 'Upstream timeout', ...error }
  }
}
