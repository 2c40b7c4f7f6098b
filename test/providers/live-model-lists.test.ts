/**
 * Live model lists through the real app and ollama-js: a model that only a fake provider's own list names (an id
 * made up per run, so no card can know it) is listed, shown, chats or embeds; a failing list leaves the provider
 * serving, and a later refresh picks the list up.
 */
import { randomBytes } from 'node:crypto'
import t from 'tap'
import { Ollama } from 'ollama'
import { providerDescriptors } from '../../providers/index.js'
import { listenTestApp } from '../helpers/build-app.js'
import { delay } from '../helpers/fake-server.js'
import { startFakeAnthropic } from '../helpers/fake-anthropic.js'
import { startFakeGemini } from '../helpers/fake-gemini.js'
import { listenProviderApp } from '../helpers/provider-app.js'

const runId = () => randomBytes(4).toString('hex')

type Shown = Awaited<ReturnType<Ollama['show']>>
const contextLength = (shown: Shown): unknown => Object.entries(shown.model_info as unknown as Record<string, unknown>).find(([key]) => key.endsWith('.context_length'))?.[1]

const openAiPresets = providerDescriptors.filter((descriptor) => descriptor.protocol === 'openai-chat')

/** Every OpenAI-compatible preset against the one fake, each under its own path (Azure on its v1 surface). */
function everyPreset (origin: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const descriptor of openAiPresets) {
    env[descriptor.apiKeyEnv[0]!] = `sk-${descriptor.id}-live`
    env[descriptor.baseUrlEnv] = descriptor.id === 'azure' ? `${origin}/azure/openai/v1` : `${origin}/${descriptor.id}/v1`
  }
  return env
}

t.test('every OpenAI-compatible preset: a model only its list names is listed, shown, chats and embeds', async (t) => {
  t.ok(openAiPresets.length >= 14, `${openAiPresets.length} presets`)
  const chatId = `live-chat-${runId()}`
  const embedId = `live-embed-${runId()}`
  const { app, url, upstream } = await listenProviderApp(t, everyPreset)
  upstream.listed.push(
    { id: chatId, object: 'model', created: 1_767_225_600, owned_by: 'someone', context_length: 77_777 },
    { id: embedId, object: 'model', created: 1_700_000_000, owned_by: 'someone' }
  )
  await app.modelLists.refresh()
  const ollama = new Ollama({ host: url })
  const tags = (await ollama.list()).models
  for (const descriptor of openAiPresets) {
    const prefix = descriptor.id
    const chatName = `${prefix}/${chatId}`
    const embedName = `${prefix}/${embedId}`
    const listedChat = tags.find((model) => model.name === `${chatName}:latest`)
    t.ok(listedChat, `${chatName} listed`)
    t.equal((listedChat as unknown as { modified_at: string } | undefined)?.modified_at, '2026-01-01T00:00:00.000Z', 'dated by the list\'s created')
    t.ok(tags.some((model) => model.name === `${embedName}:latest`), `${embedName} listed`)

    const shown = await ollama.show({ model: chatName })
    t.ok(shown.capabilities.includes('completion'), `${chatName} can chat`)
    t.notOk(shown.capabilities.includes('embedding'))
    t.equal(contextLength(shown), 77_777, 'context length from the list')
    const shownEmbed = await ollama.show({ model: embedName })
    t.same(shownEmbed.capabilities, ['embedding'], `${embedName}: embedding only`)

    const before = upstream.calls.length
    const answer = await ollama.chat({ model: chatName, messages: [{ role: 'user', content: 'Hi' }] })
    t.equal(answer.message.content, 'Hello world!')
    t.match(upstream.calls[before], { path: new RegExp(`^/${prefix}/.*chat/completions`), body: { model: chatId } }, `${chatName} reached ${prefix} as ${chatId}`)

    const embedded = await ollama.embed({ model: embedName, input: ['one', 'two'] })
    t.equal(embedded.embeddings.length, 2, `${embedName} embeds`)
    t.match(upstream.calls.at(-1), { path: new RegExp(`^/${prefix}/.*embeddings`), body: { model: embedId } })
  }
  t.ok(upstream.listCalls.every((call) => typeof call.headers.authorization === 'string' || typeof call.headers['api-key'] === 'string'), 'lists are read with the provider\'s key')
})

t.test('an embedding model found live embeds in batches of its provider\'s limit, else 10', async (t) => {
  const embedId = `vectors-embedding-${runId()}`
  const { app, url, upstream } = await listenProviderApp(t, (origin) => ({
    SILICONFLOW_API_KEY: 'sk-sf-live',
    SILICONFLOW_BASE_URL: `${origin}/siliconflow/v1`,
    MOONSHOT_API_KEY: 'sk-moonshot-live',
    MOONSHOT_BASE_URL: `${origin}/moonshot/v1`
  }))
  upstream.listed.push({ id: embedId, sub_type: 'embedding' })
  await app.modelLists.refresh()
  const ollama = new Ollama({ host: url })
  const inputs = Array.from({ length: 70 }, (_, index) => `text ${index}`)
  const sizes = async (model: string, path: string) => {
    const before = upstream.calls.length
    t.equal((await ollama.embed({ model, input: inputs })).embeddings.length, 70, model)
    return upstream.calls.slice(before).filter((call) => call.path.startsWith(path)).map((call) => (call.body.input as unknown[]).length).sort((a, b) => b - a)
  }
  t.same(await sizes(`siliconflow/${embedId}`, '/siliconflow/'), [64, 6], 'SiliconFlow\'s limit of 64')
  t.same(await sizes(`moonshot/${embedId}`, '/moonshot/'), [10, 10, 10, 10, 10, 10, 10], 'no known limit: 10')
})

t.test('what a list says about a model: OpenRouter\'s and SiliconFlow\'s fields; the newest first in /api/tags', async (t) => {
  const id = runId()
  const { app, url, upstream } = await listenProviderApp(t, (origin) => ({
    OPENROUTER_API_KEY: 'sk-or-live', OPENROUTER_BASE_URL: `${origin}/openrouter/v1`
  }))
  upstream.listed.push(
    { id: `vendor/seer-${id}`, created: 1_760_000_000, context_length: 65_536, architecture: { input_modalities: ['text', 'image'] }, supported_parameters: ['tools', 'reasoning', 'temperature'] },
    { id: `vendor/plain-${id}`, created: 1_770_000_000, context_length: 4096, architecture: { input_modalities: ['text'] }, supported_parameters: ['temperature'] },
    { id: `vendor/vectors-${id}`, created: 1_750_000_000, sub_type: 'embedding' },
    { id: `vendor/painter-${id}`, created: 1_750_000_000, sub_type: 'text-to-image' }
  )
  await app.modelLists.refresh()
  const ollama = new Ollama({ host: url })
  t.same((await ollama.show({ model: `openrouter/vendor/seer-${id}` })).capabilities, ['completion', 'tools', 'thinking', 'vision'])
  t.same((await ollama.show({ model: `openrouter/vendor/plain-${id}` })).capabilities, ['completion'], 'no tools when the list says none')
  t.equal(contextLength(await ollama.show({ model: `openrouter/vendor/plain-${id}` })), 4096)
  t.same((await ollama.show({ model: `openrouter/vendor/vectors-${id}` })).capabilities, ['embedding'])
  const names = (await ollama.list()).models.map((model) => model.name)
  t.notOk(names.includes(`openrouter/vendor/painter-${id}:latest`), 'image models are not listed')
  const ours = names.filter((name) => name.includes(id))
  t.same(ours, [`openrouter/vendor/plain-${id}:latest`, `openrouter/vendor/seer-${id}:latest`, `openrouter/vendor/vectors-${id}:latest`], 'most recently created first')
  t.same((await ollama.list()).models.map((model) => model.name), names, 'the same order on every call')
  // A card's own word wins over the list's.
  upstream.listed.push({ id: 'anthropic/claude-sonnet-4.5', created: 1, context_length: 1000, supported_parameters: [] })
  await app.modelLists.refresh()
  const card = await ollama.show({ model: 'openrouter/anthropic/claude-sonnet-4.5' })
  t.equal(contextLength(card), 200_000)
  t.ok(card.capabilities.includes('tools'))
})

t.test('a list that fails at start: cards and passed-through ids still served; a later refresh picks the list up', async (t) => {
  const id = `recovered-${runId()}`
  const { app, url, upstream } = await listenProviderApp(t, (origin) => ({
    SILICONFLOW_API_KEY: 'sk-sf-live', SILICONFLOW_BASE_URL: `${origin}/siliconflow/v1`, MODEL_LIST_REFRESH_SECONDS: '0.05'
  }))
  upstream.listFailure = 401
  upstream.listed.push({ id: `Org/${id}`, created: 1_767_225_600 }, { id: `bare-${id}`, created: 1_767_225_600 })
  // Whatever the first read found, the list fails from here on.
  await app.modelLists.refresh()
  const ollama = new Ollama({ host: url })
  const names = (await ollama.list()).models.map((model) => model.name)
  t.ok(names.includes('siliconflow/Qwen/Qwen3-8B:latest'), 'the cards stay listed')
  t.notOk(names.includes(`siliconflow/Org/${id}:latest`))
  t.equal((await ollama.chat({ model: 'siliconflow/Qwen/Qwen3-8B', messages: [{ role: 'user', content: 'Hi' }] })).message.content, 'Hello world!')
  await ollama.chat({ model: `siliconflow/Org/${id}`, messages: [{ role: 'user', content: 'Hi' }] })
  t.equal(upstream.calls.at(-1)?.body.model, `Org/${id}`, 'an id no list names passes through')

  upstream.listFailure = undefined
  const deadline = Date.now() + 10_000
  while (!(await ollama.list()).models.some((model) => model.name === `siliconflow/Org/${id}:latest`)) {
    if (Date.now() > deadline) throw new Error('the recovered list never appeared')
    await delay(20)
  }
  t.pass('the refresh picked up the recovered list')
  t.equal((await ollama.chat({ model: `bare-${id}`, messages: [{ role: 'user', content: 'Hi' }] })).message.content, 'Hello world!', 'a bare name its list holds goes there')
  t.match(upstream.calls.at(-1), { path: '/siliconflow/v1/chat/completions', body: { model: `bare-${id}` } })
  t.equal((await ollama.chat({ model: `Org/${id}`, messages: [{ role: 'user', content: 'Hi' }] })).model, `Org/${id}`, 'so does a listed id with a slash, written without the provider')
})

t.test('Anthropic: a model only its paged list names is listed, shown with its limits, and chats', async (t) => {
  const anthropic = await startFakeAnthropic()
  t.teardown(() => anthropic.close())
  const id = `claude-live-${runId()}`
  anthropic.listed.push(
    { type: 'model', id: 'claude-opus-4-7', display_name: 'Claude Opus 4.7', created_at: '2026-04-01T00:00:00Z' },
    { type: 'model', id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6', created_at: '2026-02-01T00:00:00Z' },
    { type: 'model', id, display_name: 'Live', created_at: '2026-10-01T00:00:00Z', max_input_tokens: 400_000, max_tokens: 64_000 }
  )
  const { app, url } = await listenTestApp(t, { ANTHROPIC_API_KEY: 'sk-ant-live', ANTHROPIC_BASE_URL: anthropic.url })
  await app.modelLists.settled()
  t.ok(anthropic.listCalls.length >= 2, 'every page read')
  t.match(anthropic.listCalls[1]?.url, /after_id=claude-sonnet-4-6/)
  const ollama = new Ollama({ host: url })
  const tags = (await ollama.list()).models
  t.ok(tags.some((model) => model.name === `anthropic/${id}:latest`), 'listed')
  const shown = await ollama.show({ model: `anthropic/${id}` })
  t.same(shown.capabilities, ['completion', 'tools', 'thinking', 'vision'], 'the provider\'s defaults')
  t.equal(contextLength(shown), 400_000)
  const answer = await ollama.chat({ model: `anthropic/${id}`, messages: [{ role: 'user', content: 'Hello' }] })
  t.equal(answer.message.content, 'Hello world!')
  t.match(anthropic.calls.at(-1), { url: '/v1/messages', body: { model: id, max_tokens: 64_000 } }, 'its own output limit from the list')
})

t.test('Gemini: chat and embedding models only its paged list names are listed, shown, chat and embed; others are left out', async (t) => {
  const gemini = await startFakeGemini()
  t.teardown(() => gemini.close())
  const chatId = `gemini-live-${runId()}`
  const embedId = `vectors-live-${runId()}`
  gemini.listed.push(
    { name: `models/${chatId}`, inputTokenLimit: 2_000_000, outputTokenLimit: 32_000, supportedGenerationMethods: ['generateContent', 'countTokens'], thinking: true },
    { name: 'models/imagen-live', supportedGenerationMethods: ['predict'] },
    { name: `models/${embedId}`, inputTokenLimit: 2048, outputTokenLimit: 1, supportedGenerationMethods: ['embedContent', 'batchEmbedContents'] }
  )
  const { app, url } = await listenTestApp(t, { GEMINI_API_KEY: 'AIza-live', GEMINI_BASE_URL: gemini.url })
  await app.modelLists.settled()
  t.equal(gemini.listCalls.length, 2, 'both pages read')
  const ollama = new Ollama({ host: url })
  const names = (await ollama.list()).models.map((model) => model.name)
  t.ok(names.includes(`gemini/${chatId}:latest`))
  t.ok(names.includes(`gemini/${embedId}:latest`))
  t.notOk(names.includes('gemini/imagen-live:latest'), 'a model that neither chats nor embeds is left out')
  const shown = await ollama.show({ model: `gemini/${chatId}` })
  t.same(shown.capabilities, ['completion', 'tools', 'thinking', 'vision'])
  t.equal(contextLength(shown), 2_000_000)
  t.same((await ollama.show({ model: `gemini/${embedId}` })).capabilities, ['embedding'])
  t.equal((await ollama.chat({ model: `gemini/${chatId}`, messages: [{ role: 'user', content: 'Hello' }] })).message.content, 'Hello world!')
  t.match(gemini.calls.at(-1)?.url, `/v1beta/models/${chatId}:streamGenerateContent`)
  const embedded = await ollama.embed({ model: `gemini/${embedId}`, input: ['a', 'b', 'c'] })
  t.equal(embedded.embeddings.length, 3)
  t.match(gemini.calls.at(-1)?.url, `/v1beta/models/${embedId}:batchEmbedContents`)
})
