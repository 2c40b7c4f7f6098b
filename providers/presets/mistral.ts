/**
 * Mistral AI, a preset on the shared OpenAI-compatible protocol.
 * @see https://docs.mistral.ai/getting-started/models (checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { CODER_INSERT, TEXT, VISION, chatModel, embeddingModel } from '../shared/model-cards.js'

export default definePreset({
  id: 'mistral',
  displayName: 'Mistral AI',
  defaultBaseUrl: 'https://api.mistral.ai/v1',
  defaultCapabilities: TEXT,
  defaultContextLength: 131_072,
  defaultEmbeddingBatchSize: 32,
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
