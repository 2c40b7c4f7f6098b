/**
 * OpenAI, a preset on the shared OpenAI-compatible protocol.
 * @see https://platform.openai.com/docs/models (model line-up checked 2026-11)
 */
import type { Capability, ModelCard } from '../../src/core/capabilities.js'
import { definePreset } from '../protocols/openai-compatible/define-preset.js'

const REASONING: readonly Capability[] = ['completion', 'tools', 'vision', 'thinking']
const MULTIMODAL: readonly Capability[] = ['completion', 'tools', 'vision']

function chat (id: string, capabilities: readonly Capability[], contextLength: number): ModelCard {
  // Reasoning models answer 400 to temperature, top_p and the penalties.
  // @see https://platform.openai.com/docs/guides/reasoning (checked 2026-11)
  return { id, capabilities, contextLength, family: 'gpt', ...(capabilities.includes('thinking') ? { rejectsSampling: true } : {}) }
}

const openAi = definePreset({
  id: 'openai',
  displayName: 'OpenAI',
  // gpt-*, chatgpt-*, o1, o3, o4 and their variants
  bareNames: /^(gpt-|chatgpt-|o[134]$|o[134]-)/i,
  defaultBaseUrl: 'https://api.openai.com/v1',
  defaultCapabilities: ['completion', 'tools'],
  defaultContextLength: 128_000,
  // /v1/embeddings takes up to 2048 inputs.
  defaultEmbeddingBatchSize: 2048,
  models: [
    chat('gpt-5.5', REASONING, 400_000),
    chat('gpt-5.4', REASONING, 400_000),
    chat('gpt-5.4-mini', REASONING, 400_000),
    chat('gpt-5.4-nano', REASONING, 400_000),
    chat('gpt-5', REASONING, 400_000),
    chat('gpt-5-mini', REASONING, 400_000),
    chat('gpt-4.1', MULTIMODAL, 1_047_576),
    chat('gpt-4.1-mini', MULTIMODAL, 1_047_576),
    chat('gpt-4o', MULTIMODAL, 128_000),
    chat('gpt-4o-mini', MULTIMODAL, 128_000),
    chat('o3', REASONING, 200_000),
    chat('o4-mini', REASONING, 200_000),
    { id: 'text-embedding-3-small', capabilities: ['embedding'], contextLength: 8191, family: 'openai-embedding', embeddingBatchSize: 2048, embeddingLength: 1536 },
    { id: 'text-embedding-3-large', capabilities: ['embedding'], contextLength: 8191, family: 'openai-embedding', embeddingBatchSize: 2048, embeddingLength: 3072 },
    // Still the default of many RAG setups; rejects `dimensions` ("This model does not support specifying dimensions").
    { id: 'text-embedding-ada-002', capabilities: ['embedding'], contextLength: 8191, family: 'openai-embedding', embeddingBatchSize: 2048, embeddingLength: 1536, embeddingDimensions: false }
  ],
  quirks: {
    // Chat completions return no reasoning text; reasoning_effort is the only switch.
    thinkingControl: 'reasoning-effort',
    streamUsageOption: true,
    // @see https://platform.openai.com/docs/guides/structured-outputs (checked 2026-11)
    jsonSchemaOutput: true,
    // max_tokens is deprecated and refused by reasoning models; max_completion_tokens works for every chat model.
    // @see https://platform.openai.com/docs/api-reference/chat/create (checked 2026-11)
    maxTokensField: 'max_completion_tokens'
  }
})

/** OpenAI's own catalogue and quirks, which unit tests build requests for. */
export const openAiDescriptor = openAi.descriptor

export default openAi
