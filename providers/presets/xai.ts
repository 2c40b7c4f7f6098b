/**
 * xAI (Grok), a preset on the shared OpenAI-compatible protocol.
 * @see https://docs.x.ai/docs/models (checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { TEXT, THINKING, VISION, VISION_THINKING, chatModel } from '../shared/model-cards.js'

export default definePreset({
  id: 'xai',
  displayName: 'xAI',
  defaultBaseUrl: 'https://api.x.ai/v1',
  defaultCapabilities: TEXT,
  defaultContextLength: 131_072,
  models: [
    chatModel('grok-4.6', 'grok', VISION_THINKING, 256_000),
    chatModel('grok-4.5', 'grok', VISION_THINKING, 256_000),
    chatModel('grok-4.3', 'grok', VISION_THINKING, 256_000),
    // The grok-4.20 models reject `reasoning_effort` for every value, so they offer no `think` switch.
    chatModel('grok-4.20-reasoning', 'grok', VISION, 2_000_000),
    chatModel('grok-4.20-non-reasoning', 'grok', VISION, 2_000_000),
    chatModel('grok-code-fast-1', 'grok', THINKING, 256_000)
  ],
  quirks: {
    thinkingControl: 'reasoning-effort',
    streamUsageOption: true
  }
})
