/**
 * OpenRouter, a preset on the shared OpenAI-compatible protocol; model ids keep the vendor path (`openrouter/anthropic/claude-sonnet-4.5`).
 * @see https://openrouter.ai/docs/api-reference/overview (checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { TEXT, THINKING, VISION_THINKING, chatModel } from '../shared/model-cards.js'

export default definePreset({
  id: 'openrouter',
  displayName: 'OpenRouter',
  defaultBaseUrl: 'https://openrouter.ai/api/v1',
  defaultCapabilities: TEXT,
  defaultContextLength: 131_072,
  models: [
    chatModel('openai/gpt-5', 'gpt', VISION_THINKING, 400_000),
    chatModel('anthropic/claude-sonnet-4.5', 'claude', VISION_THINKING, 200_000),
    chatModel('google/gemini-2.5-pro', 'gemini', VISION_THINKING, 1_048_576),
    chatModel('deepseek/deepseek-chat-v3.1', 'deepseek', THINKING, 163_840),
    chatModel('qwen/qwen3-coder', 'qwen', TEXT, 262_144),
    chatModel('moonshotai/kimi-k2', 'kimi', TEXT, 131_072),
    chatModel('x-ai/grok-4', 'grok', VISION_THINKING, 256_000),
    chatModel('meta-llama/llama-3.3-70b-instruct', 'llama', TEXT, 131_072)
  ],
  quirks: {
    // OpenRouter maps `reasoning_effort` onto its own `reasoning` object; reasoning text comes back as `reasoning`.
    thinkingControl: 'reasoning-effort',
    streamUsageOption: true
  }
})
