/**
 * Zhipu GLM (BigModel; Z.AI outside China), a preset on the shared OpenAI-compatible protocol. Default the China
 * endpoint; international accounts use https://api.z.ai/api/paas/v4.
 * @see https://docs.bigmodel.cn (checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { TEXT, THINKING, VISION_THINKING, chatModel, embeddingModel } from '../shared/model-cards.js'

export default definePreset({
  id: 'zhipu',
  displayName: 'Zhipu GLM (BigModel / Z.AI)',
  bareNames: /^glm-/i,
  defaultBaseUrl: 'https://open.bigmodel.cn/api/paas/v4',
  // ZAI_API_KEY is LiteLLM's name for the same key.
  otherApiKeyNames: ['ZAI_API_KEY'],
  defaultCapabilities: TEXT,
  defaultContextLength: 131_072,
  defaultEmbeddingBatchSize: 64,
  models: [
    chatModel('glm-5.2', 'glm', THINKING, 200_000),
    chatModel('glm-5.1', 'glm', THINKING, 200_000),
    chatModel('glm-5', 'glm', THINKING, 200_000),
    chatModel('glm-4.7', 'glm', THINKING, 200_000),
    chatModel('glm-4.6', 'glm', THINKING, 200_000),
    chatModel('glm-4.6v', 'glm', VISION_THINKING, 131_072),
    chatModel('glm-5v-turbo', 'glm', VISION_THINKING, 131_072),
    embeddingModel('embedding-3', 'glm-embedding', { batchSize: 64, contextLength: 8192, length: 2048 })
  ],
  quirks: {
    thinkingControl: 'thinking-type',
    // Whether Zhipu honours stream_options is unconfirmed; its finish chunk carries usage.
    streamUsageOption: false
  }
})
