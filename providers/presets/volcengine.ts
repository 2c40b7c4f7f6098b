/**
 * Volcengine Ark (Doubao), a preset on the shared OpenAI-compatible protocol. Default China (Beijing); BytePlus
 * ModelArk outside China is https://ark.ap-southeast.bytepluses.com/api/v3.
 * @see https://www.volcengine.com/docs/82379 (checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { TEXT, VISION_THINKING, chatModel, embeddingModel } from '../shared/model-cards.js'

const doubao = (id: string, capabilities: typeof TEXT, contextLength: number) => chatModel(id, 'doubao', capabilities, contextLength)

export default definePreset({
  id: 'volcengine',
  displayName: 'Volcengine Ark (Doubao)',
  // Doubao models and Ark endpoint ids
  bareNames: /^(doubao|ep-)/i,
  defaultBaseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
  // ARK_API_KEY is the name Volcengine's own docs and SDKs use.
  otherApiKeyNames: ['ARK_API_KEY'],
  defaultCapabilities: VISION_THINKING,
  defaultContextLength: 131_072,
  models: [
    doubao('doubao-seed-2.0-pro', VISION_THINKING, 262_144),
    doubao('doubao-seed-2.0-lite', VISION_THINKING, 262_144),
    doubao('doubao-seed-2.0-mini', VISION_THINKING, 262_144),
    doubao('doubao-seed-2.0-code', VISION_THINKING, 262_144),
    doubao('doubao-seed-1-8-251228', VISION_THINKING, 262_144),
    doubao('doubao-seed-1-6', VISION_THINKING, 262_144),
    doubao('doubao-seed-1-6-251015', VISION_THINKING, 262_144),
    doubao('doubao-seed-1-6-flash-250828', VISION_THINKING, 262_144),
    doubao('doubao-seed-1-6-vision-250815', VISION_THINKING, 262_144),
    // Targets of the built-in `doubao-pro` and `doubao-lite` aliases.
    doubao('doubao-1-5-pro-32k-250115', TEXT, 32_768),
    doubao('doubao-1-5-lite-32k-250115', TEXT, 32_768),
    // Ark documents no batch limit for embeddings; 10 is a size every provider accepts.
    embeddingModel('doubao-embedding-text-240715', 'doubao-embedding', { batchSize: 10, contextLength: 4096, length: 2560 }),
    embeddingModel('doubao-embedding-large-text-250515', 'doubao-embedding', { batchSize: 10, contextLength: 4096 })
  ],
  /**
   * Inference endpoint ids (`ep-20250101123456-abcde`) name whatever model the user deployed, so any
   * such id is served, with the capabilities of current Doubao models; the upstream says 404 if it does not exist.
   */
  openModels: { pattern: /^ep-[a-z0-9-]+$/i, capabilities: VISION_THINKING, contextLength: 131_072, family: 'doubao' },
  quirks: {
    // Thinking defaults on for current Doubao models; `think: false` sends `thinking: {type: disabled}`.
    thinkingControl: 'thinking-type',
    streamUsageOption: true,
    reasoningEfforts: ['minimal', 'low', 'medium', 'high']
  }
})
