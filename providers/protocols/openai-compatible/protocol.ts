/** The OpenAI-compatible protocol module that every OpenAI-style preset reuses by configuration alone. */
import type { Protocol } from '../../../src/core/protocol.js'
import { readOpenAiEmbeddingResponse, toOpenAiEmbeddingRequest } from './embeddings.js'
import { classifyOpenAiError, isOpenAiUnknownModel, readOpenAiErrorText } from './error-body.js'
import { openAiLogprobsRefusal } from './logprobs.js'
import { listOpenAiModels } from './model-list.js'
import { openAiCompatibleContext } from './quirks.js'
import { openAiStops } from './sampling.js'
import { OpenAiStreamMapper } from './stream-mapper.js'
import { buildCompletionRequest } from './to-completion-request.js'
import { toOpenAiRequest } from './to-openai-request.js'

export const openAiCompatibleProtocol: Protocol = {
  authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}` }),
  buildChatRequest: (request, context) => ({ path: '/chat/completions', body: toOpenAiRequest(request, openAiCompatibleContext(context)) }),
  buildCompletionRequest: (request, context) => buildCompletionRequest(request, openAiCompatibleContext(context)),
  logprobsRefusal: (request, context) => openAiLogprobsRefusal(request, openAiCompatibleContext(context)),
  // A provider whose models think (or not) by themselves has no switch: thinking stays as the model does it.
  hasThinkingSwitch: (context) => openAiCompatibleContext(context).descriptor.quirks.thinkingControl !== 'none',
  sentStops: (stops, context) => openAiStops(stops, openAiCompatibleContext(context)),
  createStreamMapper: () => new OpenAiStreamMapper(),
  readErrorMessage: readOpenAiErrorText,
  classifyError: classifyOpenAiError,
  isUnknownModel: isOpenAiUnknownModel,
  buildEmbedRequest: toOpenAiEmbeddingRequest,
  readEmbedResponse: readOpenAiEmbeddingResponse,
  listModels: listOpenAiModels
}
