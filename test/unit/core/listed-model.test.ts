/** Model-list readers and the card a listed or passed-through model gets, field by field. */
import t from 'tap'
import { capabilitiesFromName, inferredCard, mergeListed } from '../../../src/core/listed-model.js'
import { readOpenAiModelList } from '../../../providers/protocols/openai-compatible/model-list.js'
import { readAnthropicModelPage } from '../../../providers/protocols/anthropic/model-list.js'
import { readGeminiModelPage } from '../../../providers/protocols/gemini/model-list.js'
import siliconFlow from '../../../providers/presets/siliconflow.js'

t.test('names suggest capabilities over the provider\'s defaults', async (t) => {
  const defaults = ['completion', 'tools'] as const
  const cases: Array<[string, string[]]> = [
    ['text-embedding-3-small', ['embedding']],
    ['BAAI/bge-m3', ['embedding']],
    ['intfloat/multilingual-e5-large', ['embedding']],
    ['Qwen/Qwen2.5-VL-72B-Instruct', ['completion', 'tools', 'vision']],
    ['glm-4v-plus', ['completion', 'tools']],
    ['doubao-seed-1-6-vision-250815', ['completion', 'tools', 'vision']],
    ['qwen-omni-turbo', ['completion', 'tools', 'vision']],
    ['gpt-4o-mini-2024-07-18', ['completion', 'tools', 'vision']],
    ['deepseek-reasoner', ['completion', 'tools', 'thinking']],
    ['deepseek-ai/DeepSeek-R1', ['completion', 'tools', 'thinking']],
    ['Qwen/QwQ-32B', ['completion', 'tools', 'thinking']],
    ['kimi-k2-thinking', ['completion', 'tools', 'thinking']],
    ['glm-4.1v-9b-think', ['completion', 'tools', 'thinking']],
    ['llama-3.1-8b-instant', ['completion', 'tools']],
    ['gpt-4', ['completion', 'tools']]
  ]
  for (const [id, expected] of cases) t.same(capabilitiesFromName(id, defaults), expected, id)
})

t.test('OpenAI-style lists: ids, dates, context fields, OpenRouter\'s and SiliconFlow\'s extras', async (t) => {
  const listed = readOpenAiModelList({
    object: 'list',
    data: [
      { id: 'gpt-5.1', object: 'model', created: 1_762_000_000, owned_by: 'system' },
      { id: 'vllm-model', max_model_len: 32_768 },
      { id: 'groq-model', context_window: 131_072 },
      { id: 'or/model', context_length: 200_000, architecture: { input_modalities: ['text', 'image'] }, supported_parameters: ['tools'], top_provider: { max_completion_tokens: 8192 } },
      { id: 'sf/embed', sub_type: 'embedding' },
      { id: 'sf/image', sub_type: 'text-to-image' },
      { object: 'model' }
    ]
  })
  t.same(listed, [
    { id: 'gpt-5.1', createdAt: '2025-11-01T12:26:40.000Z' },
    { id: 'vllm-model', contextLength: 32_768 },
    { id: 'groq-model', contextLength: 131_072 },
    { id: 'or/model', capabilities: ['completion', 'tools', 'vision'], contextLength: 200_000, maxOutputTokens: 8192 },
    { id: 'sf/embed', capabilities: ['embedding'] }
  ])
  t.throws(() => readOpenAiModelList({ error: 'no' }), /data array/)
})

t.test('Anthropic and Gemini pages', async (t) => {
  t.same(readAnthropicModelPage({ data: [{ type: 'model', id: 'claude-x', created_at: '2026-01-01T00:00:00Z' }], has_more: true, last_id: 'claude-x' }), {
    models: [{ id: 'claude-x', family: 'claude', createdAt: '2026-01-01T00:00:00Z' }],
    next: 'claude-x'
  })
  t.same(readAnthropicModelPage({ data: [], has_more: false, last_id: null }), { models: [] })
  const gemini = readGeminiModelPage({
    models: [
      { name: 'models/gemini-x', inputTokenLimit: 1_048_576, outputTokenLimit: 65_536, supportedGenerationMethods: ['generateContent'], thinking: true },
      { name: 'models/gemma-y', inputTokenLimit: 8192, supportedGenerationMethods: ['generateContent'] },
      { name: 'models/embed-z', inputTokenLimit: 2048, supportedGenerationMethods: ['embedContent'] },
      { name: 'models/veo', supportedGenerationMethods: ['predictLongRunning'] }
    ],
    nextPageToken: 'abc'
  })
  t.same(gemini.models.map((model) => [model.id, model.capabilities, model.contextLength]), [
    ['gemini-x', ['completion', 'tools', 'thinking', 'vision'], 1_048_576],
    ['gemma-y', ['completion', 'tools', 'vision'], 8192],
    ['embed-z', ['embedding'], 2048]
  ])
  t.equal(gemini.next, 'abc')
})

t.test('merging a list: cards keep their word, inferred entries take the list\'s, new ids are added', async (t) => {
  const descriptor = siliconFlow.descriptor
  const plain = inferredCard(descriptor, 'my/Listed-Model')
  t.equal(plain.inferred, true)
  const merged = mergeListed(descriptor, [...descriptor.models.slice(0, 1), plain], [
    { id: descriptor.models[0]!.id, contextLength: 1, createdAt: '2026-01-01T00:00:00.000Z' },
    { id: 'my/listed-model', capabilities: ['embedding'], contextLength: 512 },
    { id: 'new/vectors', capabilities: ['embedding'] }
  ])
  t.equal(merged[0]!.contextLength, descriptor.models[0]!.contextLength, 'a built-in card wins over the list')
  t.equal(merged[0]!.createdAt, '2026-01-01T00:00:00.000Z', 'and takes its date')
  t.match(merged[1], { id: 'my/Listed-Model', capabilities: ['embedding'], contextLength: 512, embeddingBatchSize: 64 }, 'a plain configured id takes what the list says')
  t.match(merged[2], { id: 'new/vectors', capabilities: ['embedding'], contextLength: descriptor.defaultContextLength, embeddingBatchSize: 64 })
})
