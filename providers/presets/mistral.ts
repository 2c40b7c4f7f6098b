/**
 * Mistral AI, on the shared OpenAI-compatible protocol.
 * @see https://docs.mistral.ai/getting-started/models (checked 2026-11)
 */
import { defineProvider } from '../define-provider.js'
import { CODER_INSERT, TEXT, VISION, chatModel, embeddingModel } from '../shared/model-cards.js'
import { openAiCompatibleProtocol } from '../protocols/openai-compatible/protocol.js'
import type { OpenAiCompatibleDescriptor } from '../protocols/openai-compatible/quirks.js'

export const mistralDescriptor: OpenAiCompatibleDescriptor = Object.freeze<OpenAiCompatibleDescriptor>({
  id: 'mistral',
  displayName: 'Mistral AI',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://api.mistral.ai/v1',
  apiKeyEnv: ['MISTRAL_API_KEY'],
  baseUrlEnv: 'MISTRAL_BASE_URL',
  modelsEnv: 'MISTRAL_MODELS',
  defaultCapabilities: TEXT,
  defaultContextLength: 131_072,
  models: [
    chatModel('mistral-large-latest', 'mistral', VISION, 262_144),
    chatModel('mistral-medium-latest', 'mistral', VISION, 131_072),
    chatModel('mistral-small-latest', 'mistral', VISION, 131_072),
    chatModel('ministral-8b-latest', 'mistral', TEXT, 131_072),
    // Magistral reasons by itself and returns it as content parts, so no `think` switch is offered.
    chatModel('magistral-medium-latest', 'mistral', TEXT, 40_960),
    chatModel('devstral-medium-latest', 'mistral', TEXT, 131_072),
    chatModel('codestral-latest', 'codestral', CODER_INSERT, 256_000),
    embeddingModel('mistral-embed', 'mistral-embedding', { batchSize: 32, contextLength: 8192, length: 1024 })
  ],
  quirks: {
    thinkingControl: 'none',
    // Usage comes on the last chunk unasked; the API rejects fields it does not know.
    streamUsageOption: false
  }
})

export default defineProvider(mistralDescriptor, openAiCompatibleProtocol)
