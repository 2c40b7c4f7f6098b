/**
 * Moonshot AI (Kimi), a preset on the shared OpenAI-compatible protocol. Default the China endpoint;
 * international accounts use https://api.moonshot.ai/v1.
 * @see https://platform.moonshot.cn/docs (checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { TEXT, THINKING, VISION_THINKING, chatModel } from '../shared/model-cards.js'

export default definePreset({
  id: 'moonshot',
  displayName: 'Moonshot AI (Kimi)',
  bareNames: /^(kimi-|moonshot-)/i,
  defaultBaseUrl: 'https://api.moonshot.cn/v1',
  defaultCapabilities: TEXT,
  defaultContextLength: 131_072,
  models: [
    chatModel('kimi-k3', 'kimi', VISION_THINKING, 262_144),
    chatModel('kimi-k2.6', 'kimi', VISION_THINKING, 262_144),
    chatModel('kimi-k2.5', 'kimi', VISION_THINKING, 262_144),
    chatModel('kimi-k2.7-code', 'kimi', THINKING, 262_144),
    chatModel('moonshot-v1-8k', 'moonshot', TEXT, 8192),
    chatModel('moonshot-v1-32k', 'moonshot', TEXT, 32_768),
    chatModel('moonshot-v1-128k', 'moonshot', TEXT, 131_072)
  ],
  quirks: {
    thinkingControl: 'thinking-type',
    // Usage rides on the finish chunk without being asked for.
    streamUsageOption: false,
    // Kimi thinking models reject tool turns whose reasoning was dropped.
    reasoningHistory: 'forward'
  }
})
