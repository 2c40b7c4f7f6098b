/**
 * Alibaba Cloud Model Studio (Bailian / DashScope), compatible mode, a preset on the shared OpenAI-compatible protocol.
 * Keys are bound to their region: the default is China (Beijing); set DASHSCOPE_BASE_URL to
 * https://dashscope-intl.aliyuncs.com/compatible-mode/v1 (Singapore) or https://dashscope-us.aliyuncs.com/compatible-mode/v1 (US).
 * @see https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope (checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { CODER_INSERT, TEXT, THINKING, VISION, VISION_THINKING, chatModel, embeddingModel } from '../shared/model-cards.js'

const qwen = (id: string, capabilities: typeof TEXT, contextLength: number) => chatModel(id, 'qwen', capabilities, contextLength)

export default definePreset({
  id: 'dashscope',
  displayName: 'Alibaba Cloud Model Studio (DashScope)',
  bareNames: /^(qwen|qwq|qvq)/i,
  defaultBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  // DATASCOPE_API_KEY is the spelling an earlier version of this tool documented.
  otherApiKeyNames: ['DATASCOPE_API_KEY'],
  defaultCapabilities: TEXT,
  defaultContextLength: 131_072,
  models: [
    qwen('qwen3-max', THINKING, 262_144),
    qwen('qwen3.7-max', THINKING, 262_144),
    qwen('qwen3.7-plus', VISION_THINKING, 1_000_000),
    qwen('qwen3.6-plus', VISION_THINKING, 1_000_000),
    qwen('qwen3.6-flash', VISION_THINKING, 1_000_000),
    qwen('qwen3.5-plus', VISION_THINKING, 1_000_000),
    qwen('qwen-max', TEXT, 32_768),
    qwen('qwen-plus', THINKING, 131_072),
    qwen('qwen-flash', THINKING, 131_072),
    qwen('qwen-turbo', THINKING, 131_072),
    qwen('qwen3-coder-plus', TEXT, 1_000_000),
    qwen('qwen3-coder-flash', TEXT, 1_000_000),
    // Fill-in-the-middle through /completions, Beijing region only.
    qwen('qwen-coder-turbo', CODER_INSERT, 131_072),
    qwen('qwen2.5-coder-32b-instruct', CODER_INSERT, 131_072),
    // Thinking-only models that reject non-streamed calls; upstream calls are always streamed.
    qwen('qwq-plus', THINKING, 131_072),
    qwen('qwen3-235b-a22b-thinking-2507', THINKING, 131_072),
    qwen('qwen3-235b-a22b', THINKING, 131_072),
    qwen('qwen3-32b', THINKING, 131_072),
    qwen('qwen-vl-max', VISION, 131_072),
    qwen('qwen-vl-plus', VISION, 131_072),
    qwen('qvq-max', ['completion', 'vision', 'thinking'], 131_072),
    // Open-weight models the built-in `qwen2:*` aliases point at.
    qwen('qwen2-7b-instruct', TEXT, 131_072),
    qwen('qwen2.5-14b-instruct', TEXT, 131_072),
    qwen('qwen2-72b-instruct', TEXT, 131_072),
    // v3/v4 take 10 inputs per call, v1/v2 25.
    embeddingModel('text-embedding-v4', 'qwen-embedding', { batchSize: 10, contextLength: 8192, length: 1024 }),
    embeddingModel('text-embedding-v3', 'qwen-embedding', { batchSize: 10, contextLength: 8192, length: 1024 }),
    embeddingModel('text-embedding-v2', 'qwen-embedding', { batchSize: 25, contextLength: 2048, length: 1536 }),
    embeddingModel('text-embedding-v1', 'qwen-embedding', { batchSize: 25, contextLength: 2048, length: 1536 })
  ],
  quirks: {
    // DashScope ignores `thinking: {type}` even for the DeepSeek and Kimi models it hosts.
    thinkingControl: 'enable-thinking',
    // Usage arrives only when asked for, on a last chunk with `choices: []`.
    streamUsageOption: true,
    extraSampling: ['top_k', 'repetition_penalty'],
    // Qwen coder FIM goes through /completions with Qwen's own FIM tokens.
    fillInMiddlePrompt: 'qwen-fim-tokens'
  }
})
