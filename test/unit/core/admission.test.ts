/** Admission without Fastify: model resolution, the capability checks in Ollama's order and wording, and preset merges. */
import t from 'tap'
import {
  admitChat, ANTHROPIC_MESSAGES_RULES, canServe, CHAT_RULES, checkCapabilities, GENERATE_RULES, resolveEmbeddingModel, resolveRequestedModel, withPresetMessages,
  type CapabilityNeeds
} from '../../../src/core/admission.js'
import type { NormalisedChatRequest } from '../../../src/core/chat-request.js'
import { ProviderRegistry } from '../../../src/core/provider-registry.js'
import { Secret } from '../../../src/core/secret.js'
import { openAiCompatibleProtocol } from '../../../providers/protocols/openai-compatible/protocol.js'
import { openAiDescriptor } from '../../../providers/presets/openai.js'

const MODELS = [
  { id: 'plain', capabilities: ['completion'], contextLength: 8192, family: 'gpt' },
  { id: 'full', capabilities: ['completion', 'tools', 'thinking', 'vision', 'insert'], contextLength: 8192, family: 'gpt' },
  { id: 'embedder', capabilities: ['embedding'], contextLength: 8192, family: 'embed' }
] as const

function registry (): ProviderRegistry {
  const providers = new ProviderRegistry()
  const descriptor = { ...openAiDescriptor, models: MODELS }
  providers.register({ descriptor, protocol: openAiCompatibleProtocol, apiKey: new Secret('k'), baseUrl: 'http://x', models: MODELS })
  return providers
}

const NONE: CapabilityNeeds = { thinking: false, tools: false, insert: false, vision: false }
const hello = (text = 'Hi'): NormalisedChatRequest => ({ messages: [{ role: 'user', content: text }], options: {} })

t.test('an empty name takes the default model, else each handler\'s own error', async (t) => {
  const providers = registry()
  t.same(resolveRequestedModel(providers, '', 'openai/plain', 'model-required').echo, 'openai/plain')
  t.throws(() => resolveRequestedModel(providers, undefined, undefined, CHAT_RULES.onEmptyModel), { statusCode: 400, message: 'model is required' })
  t.throws(() => resolveRequestedModel(providers, '', '', GENERATE_RULES.onEmptyModel), { statusCode: 404, message: "model '' not found" })
  t.throws(() => resolveRequestedModel(providers, 'nosuchprovider/nope', undefined, 'model-required'), { statusCode: 404, message: "model 'nosuchprovider/nope' not found" })
})

t.test('capabilities are checked in Ollama\'s order: thinking, completion, tools, insert, vision', async (t) => {
  const providers = registry()
  const embedder = resolveRequestedModel(providers, 'openai/embedder', undefined, 'model-required')
  const plain = resolveRequestedModel(providers, 'openai/plain', undefined, 'model-required')
  const cases: Array<[typeof plain, CapabilityNeeds, 'chat' | 'generate', string]> = [
    [embedder, { ...NONE, thinking: true }, 'chat', '"openai/embedder" does not support thinking'],
    [embedder, NONE, 'chat', '"openai/embedder" does not support chat'],
    [embedder, NONE, 'generate', '"openai/embedder" does not support generate'],
    [plain, { thinking: false, tools: true, insert: true, vision: true }, 'chat', 'openai/plain:latest does not support tools'],
    [plain, { ...NONE, insert: true, vision: true }, 'generate', 'openai/plain:latest does not support insert'],
    [plain, { ...NONE, vision: true }, 'chat', 'openai/plain:latest does not support vision']
  ]
  for (const [requested, needs, kind, message] of cases) t.throws(() => checkCapabilities(requested, needs, kind), { statusCode: 400, message })
  t.doesNotThrow(() => checkCapabilities(plain, { ...NONE, thinking: false }, 'chat'), 'think: false asks nothing')
})

t.test('a fallback serves only what its capabilities allow', async (t) => {
  const providers = registry()
  const plain = providers.resolve('openai/plain')!
  const full = providers.resolve('openai/full')!
  const withImage: NormalisedChatRequest = { messages: [{ role: 'user', content: 'x', images: ['AAAA'] }], options: {} }
  t.ok(canServe(plain, hello()))
  t.notOk(canServe(plain, withImage))
  t.notOk(canServe(plain, { ...hello(), think: 'low' }))
  t.ok(canServe(plain, { ...hello(), think: false }))
  t.notOk(canServe(plain, { ...hello(), suffix: '}' }))
  t.ok(canServe(full, { ...withImage, think: true, suffix: '}', tools: [{ name: 'f' }] }))
  t.notOk(canServe(providers.resolve('openai/embedder')!, hello()))
})

t.test('a preset\'s system prompt and messages merge as each handler merges them', async (t) => {
  const preset = { system: 'Be brief.', messages: [{ role: 'user' as const, content: 'Q' }, { role: 'assistant' as const, content: 'A' }] }
  t.same(withPresetMessages(hello(), preset, 'chat').messages,
    [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Q' }, { role: 'assistant', content: 'A' }, { role: 'user', content: 'Hi' }])
  const ownSystem: NormalisedChatRequest = { messages: [{ role: 'system', content: 'Mine.' }, { role: 'user', content: 'Hi' }], options: {} }
  t.same(withPresetMessages(ownSystem, preset, 'chat').messages,
    [{ role: 'user', content: 'Q' }, { role: 'assistant', content: 'A' }, { role: 'system', content: 'Mine.' }, { role: 'user', content: 'Hi' }],
    'chat: the client\'s system message anywhere keeps the preset\'s out')
  t.same(withPresetMessages(ownSystem, preset, 'generate').messages,
    [{ role: 'system', content: 'Mine.' }, { role: 'user', content: 'Q' }, { role: 'assistant', content: 'A' }, { role: 'user', content: 'Hi' }],
    'generate: the client\'s system first, then the preset\'s conversation, then the prompt')
  t.same(withPresetMessages(hello(), { system: '' }, 'generate').messages, [{ role: 'user', content: 'Hi' }], 'generate: an empty system prompt is none')
  t.same(withPresetMessages(hello(), { system: '' }, 'chat').messages, [{ role: 'system', content: '' }, { role: 'user', content: 'Hi' }])
  const request = hello()
  t.equal(withPresetMessages(request, undefined, 'chat'), request, 'no preset, no copy')
})

t.test('admitChat: resolve, check, then the preset under the client\'s messages and options', async (t) => {
  const providers = registry()
  providers.addAlias({ name: 'terse', target: 'openai/full', preset: { system: 'Be brief.', options: { temperature: 0.1, num_predict: 64 } }, origin: 'config' })
  const admitted = admitChat(providers, undefined, {
    model: 'terse',
    stream: true,
    chat: { messages: [{ role: 'user', content: 'Hi' }], options: { temperature: 0.9, ollamaOptions: { temperature: 0.9 } }, think: 'high' }
  }, CHAT_RULES)
  t.equal(admitted.echo, 'terse')
  t.equal(admitted.model.name, 'terse:latest')
  t.same(admitted.chat, {
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }],
    options: { temperature: 0.9, maxTokens: 64, ollamaOptions: { temperature: 0.9, num_predict: 64 } },
    think: 'high'
  })
  t.throws(() => admitChat(providers, undefined, { model: 'openai/plain', stream: false, chat: { ...hello(), suffix: '}' } }, GENERATE_RULES),
    { statusCode: 400, message: 'openai/plain:latest does not support insert' })
  providers.addAlias({ name: 'broken', target: 'openai/plain', preset: { options: { temperature: 'hot' } }, origin: 'config' })
  t.throws(() => admitChat(providers, undefined, { model: 'broken', stream: false, chat: hello() }, CHAT_RULES),
    { statusCode: 500, message: 'option "temperature" must be of type float32' }, 'a preset\'s wrong-typed option is Ollama\'s 500')
})

t.test('the Anthropic dialect drops thinking a model cannot do instead of refusing it, as Ollama\'s layer does', async (t) => {
  const providers = registry()
  const asking = { model: 'openai/plain', stream: false, chat: { ...hello(), think: 'high' as const } }
  t.throws(() => admitChat(providers, undefined, asking, CHAT_RULES), { statusCode: 400, message: '"openai/plain" does not support thinking' })
  const dropped = admitChat(providers, undefined, asking, ANTHROPIC_MESSAGES_RULES)
  t.notOk('think' in dropped.chat)
  t.equal(admitChat(providers, undefined, { ...asking, model: 'openai/full' }, ANTHROPIC_MESSAGES_RULES).chat.think, 'high', 'a thinking model keeps it')
  t.equal(admitChat(providers, undefined, { ...asking, chat: { ...hello(), think: false } }, ANTHROPIC_MESSAGES_RULES).chat.think, false, '`false` is never a need')
})

t.test('embedding models: no default model, their own not-found wording, chat models refused', async (t) => {
  const providers = registry()
  t.equal(resolveEmbeddingModel(providers, 'openai/embedder').model.name, 'openai/embedder:latest')
  t.throws(() => resolveEmbeddingModel(providers, ''), { statusCode: 400, message: 'model is required' })
  t.throws(() => resolveEmbeddingModel(providers, 'nosuchprovider/nope'), { statusCode: 404, message: 'model "nosuchprovider/nope" not found, try pulling it first' })
  t.equal(resolveEmbeddingModel(providers, 'openai/unlisted-id').model.card.id, 'unlisted-id', 'an id passed through: the provider judges')
  t.throws(() => resolveEmbeddingModel(providers, 'openai/plain'), { statusCode: 400, message: 'openai/plain:latest does not support embedding' })
})
