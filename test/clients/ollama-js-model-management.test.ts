import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { Ollama } from 'ollama'
import { listenTestApp } from '../helpers/build-app.js'

async function client (t: Parameters<typeof listenTestApp>[0], env: Record<string, string> = {}) {
  const context = await listenTestApp(t, env)
  return { ...context, ollama: new Ollama({ host: context.url }) }
}

async function sharedDataDir (t: Parameters<typeof listenTestApp>[0]): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'ollama-adapter-restart-'))
  t.teardown(() => rm(directory, { recursive: true, force: true }))
  return directory
}

t.test('pull: a served model streams progress ending in success; an unknown one fails', async (t) => {
  const { ollama } = await client(t)
  t.same(await ollama.pull({ model: 'openai/gpt-4o' }), { status: 'success' }, 'stream: false answers the last progress object')
  const statuses: string[] = []
  for await (const progress of await ollama.pull({ model: 'openai/gpt-4o:latest', stream: true })) statuses.push(progress.status)
  t.equal(statuses[0], 'pulling manifest')
  t.equal(statuses.at(-1), 'success')

  await t.rejects(ollama.pull({ model: 'llama3.2' }), { name: 'ResponseError', status_code: 500, error: 'pull model manifest: file does not exist' })
  await t.rejects(async () => {
    for await (const progress of await ollama.pull({ model: 'llama3.2', stream: true })) t.not(progress.status, 'success')
  }, { message: 'pull model manifest: file does not exist' }, 'never a success for a model nobody serves')
})

t.test('push always fails, streamed or not', async (t) => {
  const { ollama } = await client(t)
  await t.rejects(ollama.push({ model: 'openai/gpt-4o' }), { name: 'ResponseError', status_code: 500, error: /^pushing is not supported: openai\/gpt-4o:latest is served by OpenAI/ })
  await t.rejects(async () => {
    for await (const progress of await ollama.push({ model: 'openai/gpt-4o', stream: true })) t.not(progress.status, 'success')
  }, { message: /^pushing is not supported/ })
  await t.rejects(ollama.push({ model: 'nothing-here' }), { name: 'ResponseError', error: "model 'nothing-here' not found" })
})

t.test('create makes a model with its own system prompt and options; it lists, shows, answers, and survives a restart', async (t) => {
  const dataDir = await sharedDataDir(t)
  const first = await client(t, { DATA_DIR: dataDir })
  const statuses: string[] = []
  for await (const progress of await first.ollama.create({ model: 'pirate', from: 'openai/fake-text', system: 'You are a pirate.', parameters: { temperature: 0.3, stop: ['Arr'] }, stream: true })) statuses.push(progress.status)
  t.equal(statuses.at(-1), 'success')
  t.ok(statuses.includes('creating system layer'))

  const listed = (await first.ollama.list()).models.map((model) => model.model)
  t.ok(listed.includes('pirate:latest'), 'listed in /api/tags with its tag')
  const shown = await first.ollama.show({ model: 'pirate' })
  t.equal(shown.system, 'You are a pirate.')
  t.match(shown.parameters, /^temperature +0\.3$/m)
  t.match(shown.parameters, /^stop +"Arr"$/m)
  t.match(shown.modelfile, /^SYSTEM "You are a pirate\."$/m)
  t.same(shown.capabilities, ['completion', 'tools'])

  await first.ollama.chat({ model: 'pirate', messages: [{ role: 'user', content: 'Hello' }] })
  t.match(first.upstream.calls.at(-1)!.body, { model: 'fake-text', temperature: 0.3, stop: ['Arr'], messages: [{ role: 'system', content: 'You are a pirate.' }, { role: 'user', content: 'Hello' }] })

  // /api/ps entries join /api/tags on `model`, with an RFC 3339 expiry.
  const running = (await first.ollama.ps()).models
  t.same(running.map((model) => model.model), ['pirate:latest'])
  t.ok(listed.includes(running[0]!.model))
  t.match((await (await fetch(`${first.url}/api/ps`)).json() as { models: Array<{ expires_at: string }> }).models[0]!.expires_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/)

  await first.app.close()
  const second = await client(t, { DATA_DIR: dataDir })
  t.ok((await second.ollama.list()).models.some((model) => model.model === 'pirate:latest'), 'still listed after a restart')
  const answer = await second.ollama.chat({ model: 'pirate:latest', messages: [{ role: 'user', content: 'Hello again' }] })
  t.equal(answer.message.content, 'Hello world!')
  t.match(second.upstream.calls.at(-1)!.body, { temperature: 0.3, messages: [{ role: 'system', content: 'You are a pirate.' }, { role: 'user', content: 'Hello again' }] }, 'the system prompt reached the upstream after the restart')

  // A conversation's own system prompt wins, as in Ollama.
  await second.ollama.chat({ model: 'pirate', messages: [{ role: 'system', content: 'Be a poet.' }, { role: 'user', content: 'Hi' }] })
  t.same(second.upstream.calls.at(-1)!.body.messages, [{ role: 'system', content: 'Be a poet.' }, { role: 'user', content: 'Hi' }])
})

t.test('create with messages: the model\'s conversation comes before every request\'s, on every endpoint', async (t) => {
  const { ollama, upstream, app } = await client(t)
  const history = [{ role: 'user', content: 'Who are you?' }, { role: 'assistant', content: 'A helpful bot.' }]
  await ollama.create({ model: 'primed', from: 'openai/fake-text', system: 'Be kind.', messages: history })
  const shown = await ollama.show({ model: 'primed' })
  t.same(shown.messages, history)
  t.match(shown.modelfile, /^MESSAGE user "Who are you\?"$/m)

  await ollama.chat({ model: 'primed', messages: [{ role: 'user', content: 'Hi' }] })
  t.same(upstream.calls.at(-1)!.body.messages, [{ role: 'system', content: 'Be kind.' }, ...history, { role: 'user', content: 'Hi' }])
  await ollama.generate({ model: 'primed', prompt: 'Hi' })
  t.same(upstream.calls.at(-1)!.body.messages, [{ role: 'system', content: 'Be kind.' }, ...history, { role: 'user', content: 'Hi' }])
  await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'primed', messages: [{ role: 'user', content: 'Hi' }] } })
  t.same(upstream.calls.at(-1)!.body.messages, [{ role: 'system', content: 'Be kind.' }, ...history, { role: 'user', content: 'Hi' }])
})

t.test('create from a user-defined model copies it, so deleting the base keeps the new one working', async (t) => {
  const { ollama, upstream } = await client(t)
  t.same(await ollama.create({ model: 'base-model', from: 'openai/fake-text', system: 'Base prompt.', parameters: { temperature: 0.1 } }), { status: 'success' })
  await ollama.create({ model: 'derived', from: 'base-model', parameters: { top_p: 0.5 } })
  await ollama.delete({ model: 'base-model' })
  await ollama.chat({ model: 'derived', messages: [{ role: 'user', content: 'x' }] })
  t.match(upstream.calls.at(-1)!.body, { model: 'fake-text', temperature: 0.1, top_p: 0.5, messages: [{ role: 'system', content: 'Base prompt.' }] })

  // Re-creating a model from itself updates it.
  await ollama.create({ model: 'derived', from: 'derived', system: 'New prompt.' })
  t.equal((await ollama.show({ model: 'derived' })).system, 'New prompt.')
})

t.test('copy makes an alias that persists; delete removes it and refuses provider models', async (t) => {
  const dataDir = await sharedDataDir(t)
  const first = await client(t, { DATA_DIR: dataDir })
  t.same(await first.ollama.copy({ source: 'openai/fake-text', destination: 'my-text' }), { status: 'success' })
  const copied = await fetch(`${first.url}/api/copy`, { method: 'POST', body: JSON.stringify({ source: 'my-text', destination: 'my-text-2' }) })
  t.equal(copied.status, 200)
  t.equal(await copied.text(), '', 'an empty body, as Ollama answers')
  await first.app.close()

  const second = await client(t, { DATA_DIR: dataDir })
  const names = (await second.ollama.list()).models.map((model) => model.model)
  t.ok(names.includes('my-text:latest') && names.includes('my-text-2:latest'))
  t.equal((await second.ollama.chat({ model: 'my-text-2', messages: [{ role: 'user', content: 'x' }] })).message.content, 'Hello world!')

  const deleted = await fetch(`${second.url}/api/delete`, { method: 'DELETE', body: JSON.stringify({ model: 'my-text' }) })
  t.equal(deleted.status, 200)
  t.equal(await deleted.text(), '')
  t.notOk((await second.ollama.list()).models.some((model) => model.model === 'my-text:latest'))
  await t.rejects(second.ollama.chat({ model: 'my-text', messages: [{ role: 'user', content: 'x' }] }), { name: 'ResponseError', status_code: 404 })
  await t.rejects(second.ollama.delete({ model: 'my-text' }), { name: 'ResponseError', status_code: 404, error: "model 'my-text' not found" })

  await t.rejects(second.ollama.delete({ model: 'openai/gpt-4o' }), { name: 'ResponseError', status_code: 400, error: "model 'openai/gpt-4o' is served by OpenAI; only models made with create or copy can be changed" })
  t.ok((await second.ollama.show({ model: 'openai/gpt-4o' })).capabilities.includes('completion'), 'the provider\'s model keeps working')
})
