/**
 * DeepSeek, a preset on the shared OpenAI-compatible protocol.
 * @see https://api-docs.deepseek.com/quick_start/pricing (model line-up checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { THINKING, VISION_THINKING, chatModel } from '../shared/model-cards.js'

export default definePreset({
  id: 'deepseek',
  displayName: 'DeepSeek',
  bareNames: /^deepseek-/i,
  defaultBaseUrl: 'https://api.deepseek.com',
  defaultCapabilities: THINKING,
  defaultContextLength: 1_000_000,
  models: [
    // FIM (beta endpoint) works in non-thinking mode only.
    chatModel('deepseek-v4-pro', 'deepseek', ['completion', 'tools', 'thinking', 'insert'], 1_000_000),
    chatModel('deepseek-v4-flash', 'deepseek', ['completion', 'tools', 'thinking', 'insert'], 1_000_000),
    chatModel('deepseek-v4-flash-vision-exp', 'deepseek', VISION_THINKING, 1_000_000),
    // Legacy names for V4-Flash without and with thinking.
    chatModel('deepseek-chat', 'deepseek', ['completion', 'tools', 'insert'], 1_000_000),
    chatModel('deepseek-reasoner', 'deepseek', THINKING, 1_000_000)
  ],
  quirks: {
    // Thinking defaults on for V4: `think: false` must reach the API as `thinking: {type: disabled}`.
    thinkingControl: 'thinking-type',
    streamUsageOption: true,
    // V4 takes `reasoning_effort: high|max` beside the switch; https://api-docs.deepseek.com (checked 2026-11)
    reasoningEfforts: ['high', 'max'],
    // Tool turns of a thinking model must carry their `reasoning_content` back.
    reasoningHistory: 'forward',
    fillInMiddlePath: '/beta/completions',
    // "logprobs/top_logprobs raise an error" in thinking mode, V4's default (https://api-docs.deepseek.com/guides/thinking_mode, checked 2026-11).
    logprobs: 'not-while-thinking'
  }
})
