/**
 * Groq, a preset on the shared OpenAI-compatible protocol.
 * @see https://console.groq.com/docs/models (checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { TEXT, THINKING, VISION, chatModel } from '../shared/model-cards.js'

export default definePreset({
  id: 'groq',
  displayName: 'Groq',
  defaultBaseUrl: 'https://api.groq.com/openai/v1',
  defaultCapabilities: TEXT,
  defaultContextLength: 131_072,
  models: [
    chatModel('openai/gpt-oss-120b', 'gpt-oss', THINKING, 131_072),
    chatModel('openai/gpt-oss-20b', 'gpt-oss', THINKING, 131_072),
    chatModel('qwen/qwen3-32b', 'qwen', THINKING, 131_072),
    chatModel('moonshotai/kimi-k2-instruct-0905', 'kimi', TEXT, 262_144),
    chatModel('llama-3.3-70b-versatile', 'llama', TEXT, 131_072),
    chatModel('llama-3.1-8b-instant', 'llama', TEXT, 131_072),
    chatModel('meta-llama/llama-4-scout-17b-16e-instruct', 'llama', VISION, 131_072),
    chatModel('meta-llama/llama-4-maverick-17b-128e-instruct', 'llama', VISION, 131_072)
  ],
  quirks: {
    thinkingControl: 'reasoning-effort',
    streamUsageOption: true
  }
})
