/**
 * Together AI, a preset on the shared OpenAI-compatible protocol.
 * @see https://docs.together.ai/docs/serverless-models (checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { TEXT, THINKING, chatModel } from '../shared/model-cards.js'

export default definePreset({
  id: 'together',
  displayName: 'Together AI',
  defaultBaseUrl: 'https://api.together.xyz/v1',
  // TOGETHERAI_API_KEY is LiteLLM's name for the same key.
  otherApiKeyNames: ['TOGETHERAI_API_KEY'],
  defaultCapabilities: TEXT,
  defaultContextLength: 131_072,
  models: [
    chatModel('meta-llama/Llama-3.3-70B-Instruct-Turbo', 'llama', TEXT, 131_072),
    chatModel('deepseek-ai/DeepSeek-V3.1', 'deepseek', TEXT, 131_072),
    // R1 always reasons; its reasoning arrives in `reasoning_content` without a switch.
    chatModel('deepseek-ai/DeepSeek-R1', 'deepseek', ['completion', 'thinking'], 163_840),
    chatModel('Qwen/Qwen3-235B-A22B-Instruct-2507-tput', 'qwen', TEXT, 262_144),
    chatModel('Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8', 'qwen', TEXT, 262_144),
    chatModel('moonshotai/Kimi-K2-Instruct-0905', 'kimi', TEXT, 262_144),
    chatModel('openai/gpt-oss-120b', 'gpt-oss', THINKING, 131_072)
  ],
  quirks: {
    thinkingControl: 'none',
    streamUsageOption: true
  }
})
