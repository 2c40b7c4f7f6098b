/** A real Ollama server as a Protocol: /api/chat and /api/embed passed through, NDJSON framing, models from /api/tags. */
import type { Protocol } from '../../../src/core/protocol.js'
import { isOllamaUnknownModel, readOllamaErrorText } from './error-body.js'
import { readOllamaEmbedResponse, toOllamaEmbedRequest } from './embeddings.js'
import { listOllamaModels } from './model-list.js'
import { OllamaStreamMapper } from './stream-mapper.js'
import { toOllamaGenerateRequest, toOllamaRequest } from './to-ollama-request.js'

export const ollamaProtocol: Protocol = {
  // A plain Ollama needs no key; one behind a proxy (or ollama.com) takes a bearer token.
  authHeaders: (apiKey): Record<string, string> => apiKey === '' ? {} : { authorization: `Bearer ${apiKey}` },
  buildChatRequest: (request, context) => ({ path: '/api/chat', body: toOllamaRequest(request, context) }),
  buildCompletionRequest: (request, context) => ({ path: '/api/generate', body: toOllamaGenerateRequest(request, context) }),
  // Asked for as the client asked, and passed on as the upstream computed them.
  logprobsRefusal: () => undefined,
  createStreamMapper: () => new OllamaStreamMapper(),
  readErrorMessage: readOllamaErrorText,
  isUnknownModel: isOllamaUnknownModel,
  framing: 'ndjson',
  listModels: listOllamaModels,
  embedsEmptyText: true,
  buildEmbedRequest: toOllamaEmbedRequest,
  readEmbedResponse: readOllamaEmbedResponse
}
