/**
 * SiliconFlow, a preset on the shared OpenAI-compatible protocol. Default the China endpoint; the
 * international one is https://api.siliconflow.com/v1 (separate accounts and keys).
 * @see https://docs.siliconflow.cn/cn/api-reference/chat-completions/chat-completions (checked 2026-11)
 */
import { definePreset } from '../protocols/openai-compatible/define-preset.js'
import { CODER_INSERT, TEXT, THINKING, VISION, chatModel, embeddingModel } from '../shared/model-cards.js'

/** SiliconFlow answers more than 64 inputs with HTTP 413. */
const EMBEDDING_BATCH = 64

export default definePreset({
  id: 'siliconflow',
  displayName: 'SiliconFlow',
  defaultBaseUrl: 'https://api.siliconflow.cn/v1',
  defaultCapabilities: TEXT,
  defaultContextLength: 131_072,
  defaultEmbeddingBatchSize: EMBEDDING_BATCH,
  models: [
    chatModel('deepseek-ai/DeepSeek-V4-Pro', 'deepseek', THINKING, 131_072),
    chatModel('deepseek-ai/DeepSeek-V4-Flash', 'deepseek', THINKING, 131_072),
    chatModel('deepseek-ai/DeepSeek-V3.2', 'deepseek', THINKING, 163_840),
    chatModel('deepseek-ai/DeepSeek-V3', 'deepseek', CODER_INSERT, 131_072),
    chatModel('Qwen/Qwen3-235B-A22B-Thinking-2507', 'qwen', THINKING, 262_144),
    chatModel('Qwen/Qwen3-235B-A22B-Instruct-2507', 'qwen', TEXT, 262_144),
    chatModel('Qwen/Qwen3-32B', 'qwen', THINKING, 131_072),
    chatModel('Qwen/Qwen3-8B', 'qwen', THINKING, 131_072),
    chatModel('Qwen/Qwen2.5-Coder-32B-Instruct', 'qwen', CODER_INSERT, 32_768),
    chatModel('Qwen/Qwen2.5-Coder-7B-Instruct', 'qwen', CODER_INSERT, 32_768),
    chatModel('Qwen/Qwen2.5-VL-72B-Instruct', 'qwen', VISION, 131_072),
    chatModel('zai-org/GLM-5.1', 'glm', THINKING, 200_000),
    chatModel('moonshotai/Kimi-K2.6', 'kimi', THINKING, 262_144),
    // Targets of the built-in `yi-34b-chat` and `llama3-8b` aliases.
    chatModel('01-ai/Yi-1.5-34B-Chat-16K', 'yi', ['completion'], 16_384),
    chatModel('meta-llama/Meta-Llama-3.1-8B-Instruct', 'llama', TEXT, 32_768),
    embeddingModel('BAAI/bge-m3', 'bge', { batchSize: EMBEDDING_BATCH, contextLength: 8192, length: 1024 }),
    embeddingModel('Pro/BAAI/bge-m3', 'bge', { batchSize: EMBEDDING_BATCH, contextLength: 8192, length: 1024 }),
    embeddingModel('BAAI/bge-large-zh-v1.5', 'bge', { batchSize: EMBEDDING_BATCH, contextLength: 512, length: 1024 }),
    embeddingModel('BAAI/bge-large-en-v1.5', 'bge', { batchSize: EMBEDDING_BATCH, contextLength: 512, length: 1024 }),
    embeddingModel('Qwen/Qwen3-Embedding-8B', 'qwen-embedding', { batchSize: EMBEDDING_BATCH, contextLength: 32_768, length: 4096 }),
    embeddingModel('Qwen/Qwen3-Embedding-4B', 'qwen-embedding', { batchSize: EMBEDDING_BATCH, contextLength: 32_768, length: 2560 }),
    embeddingModel('Qwen/Qwen3-Embedding-0.6B', 'qwen-embedding', { batchSize: EMBEDDING_BATCH, contextLength: 32_768, length: 1024 })
  ],
  quirks: {
    // `enable_thinking` is honoured on a whitelist of hybrid models and ignored elsewhere.
    thinkingControl: 'enable-thinking',
    streamUsageOption: true,
    extraSampling: ['top_k', 'min_p', 'repetition_penalty']
  }
})
