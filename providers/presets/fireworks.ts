/**
 * Fireworks AI, a preset on the shared OpenAI-compatible protocol; model ids are full paths (`accounts/fireworks/models/...`).
 * @see https://docs.fireworks.ai/api-reference/post-chatcompletions (checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { TEXT, THINKING, chatModel } from '../shared/model-cards.js'

const fireworks = (name: string, family: string, capabilities: typeof TEXT, contextLength: number) =>
  chatModel(`accounts/fireworks/models/${name}`, family, capabilities, contextLength)

export default definePreset({
  id: 'fireworks',
  displayName: 'Fireworks AI',
  defaultBaseUrl: 'https://api.fireworks.ai/inference/v1',
  // FIREWORKS_AI_API_KEY is LiteLLM's name for the same key.
  otherApiKeyNames: ['FIREWORKS_AI_API_KEY'],
  defaultCapabilities: TEXT,
  defaultContextLength: 131_072,
  models: [
    fireworks('deepseek-v3p1', 'deepseek', TEXT, 163_840),
    fireworks('kimi-k2-instruct-0905', 'kimi', TEXT, 262_144),
    fireworks('qwen3-coder-480b-a35b-instruct', 'qwen', TEXT, 262_144),
    fireworks('gpt-oss-120b', 'gpt-oss', THINKING, 131_072),
    fireworks('llama-v3p3-70b-instruct', 'llama', TEXT, 131_072)
  ],
  quirks: {
    thinkingControl: 'reasoning-effort',
    streamUsageOption: true
  }
})
