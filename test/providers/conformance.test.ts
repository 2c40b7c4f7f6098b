/**
 * Every provider in providers/index.ts, active at once against one fake upstream: each resolves, is
 * listed, reports its cards in /api/show, and sends chat requests to its own base URL with its own
 * key, header and model id, and with its thinking switch.
 */
import t from 'tap'
import type { ModelCard, ProviderDescriptor } from '../../src/core/capabilities.js'
import { canonicalModelName } from '../../src/core/model-name.js'
import { providerDescriptors } from '../../providers/index.js'
import { scenarioChunks } from '../helpers/fake-upstream.js'
import { buildProviderApp } from '../helpers/provider-app.js'

const AZURE_DEPLOYMENT = 'my-gpt-4o'

function keyOf (descriptor: ProviderDescriptor): string {
  return `sk-${descriptor.id}-conformance-key`
}

/** Every provider active, each at its own path prefix on the fake upstream, so the path proves the base URL. */
function allProviders (origin: string): Record<string, string> {
  const env: Record<string, string> = { AZURE_MODELS: AZURE_DEPLOYMENT }
  for (const descriptor of providerDescriptors) {
    env[descriptor.apiKeyEnv[0]!] = keyOf(descriptor)
    env[descriptor.baseUrlEnv] = descriptor.id === 'azure' ? `${origin}/openai` : `${origin}/${descriptor.id}/v1`
  }
  return env
}

/** Cards the provider serves here: its catalogue, or for Azure (no catalogue) the configured deployment. */
function cardsOf (descriptor: ProviderDescriptor): readonly ModelCard[] {
  if (descriptor.models.length > 0) return descriptor.models
  return [{ id: AZURE_DEPLOYMENT, capabilities: descriptor.defaultCapabilities, contextLength: descriptor.defaultContextLength, family: descriptor.id }]
}

function expectedPath (descriptor: ProviderDescriptor, card: ModelCard): string {
  if (descriptor.id === 'azure') return `/openai/deployments/${card.id}/chat/completions?api-version=2024-10-21`
  return `/${descriptor.id}/v1/chat/completions`
}

/**
 * What each provider's thinking switch puts in the upstream body for `think: true` and `think: false`,
 * as each provider documents it (see /work/shared/providers.md and each preset's @see), stated here
 * rather than derived from the presets' quirks.
 */
const THINKING_FIELDS: Readonly<Record<string, { readonly on: Record<string, unknown>, readonly off: Record<string, unknown> }>> = {
  openai: { on: { reasoning_effort: 'medium' }, off: {} },
  dashscope: { on: { enable_thinking: true }, off: { enable_thinking: false } },
  deepseek: { on: { thinking: { type: 'enabled' } }, off: { thinking: { type: 'disabled' } } },
  siliconflow: { on: { enable_thinking: true }, off: { enable_thinking: false } },
  volcengine: { on: { thinking: { type: 'enabled' } }, off: { thinking: { type: 'disabled' } } },
  moonshot: { on: { thinking: { type: 'enabled' } }, off: { thinking: { type: 'disabled' } } },
  zhipu: { on: { thinking: { type: 'enabled' } }, off: { thinking: { type: 'disabled' } } },
  openrouter: { on: { reasoning_effort: 'medium' }, off: {} },
  groq: { on: { reasoning_effort: 'medium' }, off: {} },
  mistral: { on: {}, off: {} },
  xai: { on: { reasoning_effort: 'medium' }, off: {} },
  together: { on: {}, off: {} },
  fireworks: { on: { reasoning_effort: 'medium' }, off: {} },
  azure: { on: { reasoning_effort: 'medium' }, off: {} }
}

/** Providers asked for usage with `stream_options: {include_usage: true}`; the others send it unasked on the finish chunk. */
const ASKS_FOR_STREAM_USAGE: Readonly<Record<string, boolean>> = {
  openai: true,
  dashscope: true,
  deepseek: true,
  siliconflow: true,
  volcengine: true,
  moonshot: false,
  zhipu: false,
  openrouter: true,
  groq: true,
  mistral: false,
  xai: true,
  together: true,
  fireworks: true,
  azure: true
}

/** A stated expectation for a provider; a provider added without one fails here rather than passing unchecked. */
function stated<T> (table: Readonly<Record<string, T>>, descriptor: ProviderDescriptor): T {
  const value = table[descriptor.id]
  if (value === undefined) throw new Error(`${descriptor.id}: state its expected upstream fields in conformance.test.ts`)
  return value
}

function thinkingFields (descriptor: ProviderDescriptor, think: boolean): Record<string, unknown> {
  const fields = stated(THINKING_FIELDS, descriptor)
  return think ? fields.on : fields.off
}

function hasNoThinkingSwitch (descriptor: ProviderDescriptor): boolean {
  const fields = stated(THINKING_FIELDS, descriptor)
  return Object.keys(fields.on).length === 0 && Object.keys(fields.off).length === 0
}

/** The text the fake upstream streams for a model id (ids with `reasoning` in them get its reasoning scenario). */
function fakeAnswer (modelId: string): string {
  return scenarioChunks(modelId).map((chunk) => {
    const choices = chunk.choices as Array<{ delta?: { content?: string | null } }> | undefined
    return choices?.[0]?.delta?.content ?? ''
  }).join('')
}

const THINKING_KEYS = ['enable_thinking', 'thinking', 'reasoning_effort']

/** The checks below speak OpenAI's wire format; native protocols have their own fakes (test/providers/anthropic, gemini, ollama-upstream). */
const openAiWire = providerDescriptors.filter((descriptor) => descriptor.protocol === 'openai-chat')

t.test('every descriptor is well formed', async (t) => {
  const ids = providerDescriptors.map((descriptor) => descriptor.id)
  t.same(new Set(ids).size, ids.length, 'provider ids are unique')
  for (const descriptor of providerDescriptors) {
    t.match(descriptor.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${descriptor.id}: kebab-case id`)
    t.ok(descriptor.apiKeyEnv.length > 0, `${descriptor.id}: has a key variable`)
    t.doesNotThrow(() => new URL(descriptor.defaultBaseUrl), `${descriptor.id}: default base URL parses`)
    const cardIds = descriptor.models.map((card) => card.id.toLowerCase())
    t.equal(new Set(cardIds).size, cardIds.length, `${descriptor.id}: card ids are unique`)
    for (const card of descriptor.models) {
      t.ok(card.contextLength > 0, `${descriptor.id}/${card.id}: context length`)
      if (card.capabilities.includes('embedding')) {
        t.ok((card.embeddingBatchSize ?? 0) > 0, `${descriptor.id}/${card.id}: embedding batch size`)
        t.notOk(card.capabilities.includes('completion'), `${descriptor.id}/${card.id}: an embedding model does not chat`)
      } else {
        t.ok(card.capabilities.includes('completion'), `${descriptor.id}/${card.id}: chat models complete`)
      }
    }
  }
})

t.test('every provider, active at once', async (t) => {
  const { app, upstream } = await buildProviderApp(t, allProviders)

  const tags = (await app.inject({ method: 'GET', url: '/api/tags' })).json<{ models: Array<{ name: string, capabilities: string[] }> }>()
  const listed = tags.models.map((model) => model.name)
  t.same(listed, [...listed].sort(), '/api/tags is sorted by name')
  t.equal(new Set(listed).size, listed.length, '/api/tags names are unique')

  for (const descriptor of openAiWire) {
    t.equal(app.providers.get(descriptor.id)?.descriptor, descriptor, `${descriptor.id} is active`)
    for (const card of cardsOf(descriptor)) {
      const name = canonicalModelName(descriptor.id, card.id)
      t.ok(listed.includes(name), `${name} is listed`)
      const shown = await app.inject({ method: 'POST', url: '/api/show', payload: { model: name } })
      t.equal(shown.statusCode, 200, `${name}: shown`)
      const show = shown.json<{ capabilities: string[], model_info: Record<string, unknown> }>()
      t.same(show.capabilities, card.capabilities, `${name}: capabilities`)
      t.equal(show.model_info[`${card.family}.context_length`], card.contextLength, `${name}: context length`)
      if (!card.capabilities.includes('completion')) continue

      const before = upstream.calls.length
      const reply = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: name, messages: [{ role: 'user', content: 'Hi' }], stream: false } })
      t.equal(reply.statusCode, 200, `${name}: chat answered`)
      t.equal(reply.json<{ message: { content: string } }>().message.content, fakeAnswer(card.id), `${name}: answer folded`)
      const call = upstream.calls[before]!
      t.equal(upstream.calls.length, before + 1, `${name}: one upstream call`)
      t.equal(call.path, expectedPath(descriptor, card), `${name}: its own base URL`)
      if (descriptor.id === 'azure') {
        t.equal(call.headers['api-key'], keyOf(descriptor), `${name}: api-key header`)
        t.equal(call.headers.authorization, undefined, `${name}: no bearer token`)
      } else {
        t.equal(call.headers.authorization, `Bearer ${keyOf(descriptor)}`, `${name}: its own bearer key`)
      }
      t.equal(call.body.model, card.id, `${name}: upstream model id`)
      t.equal(call.body.stream, true, `${name}: always streamed upstream`)
      t.same(call.body.stream_options, stated(ASKS_FOR_STREAM_USAGE, descriptor) ? { include_usage: true } : undefined, `${name}: stream_options as the provider wants`)
      for (const key of THINKING_KEYS) t.notOk(key in call.body, `${name}: no ${key} without think`)
    }
  }
})

t.test('each provider switches thinking its own way', async (t) => {
  const { app, upstream } = await buildProviderApp(t, allProviders)
  for (const descriptor of openAiWire) {
    const card = descriptor.models.find((model) => model.capabilities.includes('thinking'))
    if (card === undefined) {
      t.equal(hasNoThinkingSwitch(descriptor) || descriptor.id === 'azure', true, `${descriptor.id}: no thinking model`)
      continue
    }
    for (const think of [true, false]) {
      const before = upstream.calls.length
      const reply = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: `${descriptor.id}/${card.id}`, messages: [{ role: 'user', content: 'Hi' }], think, stream: false } })
      t.equal(reply.statusCode, 200, `${descriptor.id}/${card.id} think=${think}`)
      const body = upstream.calls[before]!.body
      const sent = Object.fromEntries(THINKING_KEYS.filter((key) => key in body).map((key) => [key, body[key]]))
      t.same(sent, thinkingFields(descriptor, think), `${descriptor.id}: its thinking switch for think=${think}`)
    }
  }
})

t.test('a provider without its key is inactive: not listed, not resolvable', async (t) => {
  const { app, upstream } = await buildProviderApp(t, (origin) => ({ DEEPSEEK_API_KEY: 'sk-only-deepseek', DEEPSEEK_BASE_URL: `${origin}/v1` }))
  const listed = (await app.inject({ method: 'GET', url: '/api/tags' })).json<{ models: Array<{ name: string }> }>().models.map((model) => model.name)
  t.ok(listed.length > 0)
  t.ok(listed.every((name) => name.startsWith('deepseek/') || name.startsWith('deepseek-')), 'only DeepSeek models and aliases are listed')
  for (const descriptor of providerDescriptors.filter((candidate) => candidate.id !== 'deepseek')) {
    t.equal(app.providers.get(descriptor.id), undefined, `${descriptor.id} inactive`)
    const card = cardsOf(descriptor)[0]!
    const name = canonicalModelName(descriptor.id, card.id)
    const reply = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: name, messages: [{ role: 'user', content: 'Hi' }] } })
    t.equal(reply.statusCode, 404, `${name}: 404`)
    const variable = descriptor.activation === 'base-url' ? descriptor.baseUrlEnv : descriptor.apiKeyEnv[0]!
    t.same(reply.json(), { error: `model '${name}' not found (set ${variable} to use ${descriptor.displayName})` }, `${name}: Ollama's error body, with the variable to set`)
  }
  t.equal(upstream.calls.length, 0, 'nothing reached an upstream')
})

t.test('without a base URL variable, a provider calls its documented default', async (t) => {
  const keyed = openAiWire.filter((descriptor) => !descriptor.baseUrlRequired)
  const { app } = await buildProviderApp(t, () => Object.fromEntries(keyed.map((descriptor) => [descriptor.apiKeyEnv[0]!, keyOf(descriptor)])))
  for (const descriptor of openAiWire.filter((candidate) => !candidate.baseUrlRequired)) {
    t.equal(app.providers.get(descriptor.id)?.baseUrl, descriptor.defaultBaseUrl, `${descriptor.id}: ${descriptor.defaultBaseUrl}`)
  }
  t.equal(app.providers.get('dashscope')?.baseUrl, 'https://dashscope.aliyuncs.com/compatible-mode/v1', 'DashScope defaults to China (Beijing)')
  t.equal(app.providers.get('volcengine')?.baseUrl, 'https://ark.cn-beijing.volces.com/api/v3')
  t.equal(app.providers.get('siliconflow')?.baseUrl, 'https://api.siliconflow.cn/v1')
  t.equal(app.providers.get('deepseek')?.baseUrl, 'https://api.deepseek.com')
})
