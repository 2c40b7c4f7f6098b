/**
 * What is served is listed: a successful /api/pull of any servable name (bare, prefixed, aliased, passed through)
 * lists that exact name in /api/tags from then on, across restarts, until /api/delete.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { buildTestApp } from '../helpers/build-app.js'

const names = async (app: Awaited<ReturnType<typeof buildTestApp>>['app']) =>
  (await app.inject({ method: 'GET', url: '/api/tags' })).json<{ models: Array<{ name: string }> }>().models.map((model) => model.name)

t.test('a pulled name is listed as written, kept across a restart and removed by delete', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ollama-adapter-pulled-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  const first = await buildTestApp(t, { DATA_DIR: dataDir })
  t.notOk((await names(first.app)).includes('gpt-4o:latest'), 'a bare name is not listed before it is pulled')
  for (const name of ['gpt-4o', 'openai/gpt-4.5-preview', 'gpt-4-turbo:latest']) {
    const pulled = await first.app.inject({ method: 'POST', url: '/api/pull', payload: { model: name, stream: false } })
    t.same(pulled.json(), { status: 'success' }, `${name} pulled`)
  }
  const listed = await names(first.app)
  for (const name of ['gpt-4o:latest', 'openai/gpt-4.5-preview:latest', 'gpt-4-turbo:latest']) t.ok(listed.includes(name), `${name} listed`)
  t.equal(listed.filter((name) => name === 'openai/gpt-4o:latest').length, 1, 'the provider\'s own entry stays once')
  t.notOk(first.upstream.calls.length > 0, 'pulling asks no provider')
  await first.app.close()

  const second = await buildTestApp(t, { DATA_DIR: dataDir })
  t.ok((await names(second.app)).includes('gpt-4o:latest'), 'still listed after a restart')
  const deleted = await second.app.inject({ method: 'DELETE', url: '/api/delete', payload: { model: 'gpt-4o' } })
  t.equal(deleted.statusCode, 200)
  t.notOk((await names(second.app)).includes('gpt-4o:latest'), 'delete removes the listing')
  const chat = await second.app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: false } })
  t.equal(chat.statusCode, 200, 'the name still serves: only its listing went')
  const again = await second.app.inject({ method: 'DELETE', url: '/api/delete', payload: { model: 'gpt-4o' } })
  t.equal(again.statusCode, 400, 'a provider\'s model is not deletable')
})

t.test('a newcomer without a key: a warning at start, and a 404 that names the variable to set', async (t) => {
  const lines: string[] = []
  const dataDir = await mkdtemp(join(tmpdir(), 'ollama-adapter-newcomer-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  const app = await buildApp({
    env: { DATA_DIR: dataDir, MAX_EVENT_LOOP_DELAY_MS: '0', LOG_LEVEL: 'info' },
    logStream: new Writable({ write (chunk: Buffer, _encoding, callback) { lines.push(chunk.toString('utf8')); callback() } })
  })
  t.teardown(() => app.close())
  await app.ready()
  const warning = lines.map((line) => JSON.parse(line) as { level: number, msg: string }).find((line) => line.msg.startsWith('no provider is active'))
  t.equal(warning?.level, 40, 'logged at warn')
  t.match(warning?.msg, /DEEPSEEK_API_KEY/)
  t.match(warning?.msg, /DASHSCOPE_API_KEY/)
  for (const [name, variable] of [['deepseek-chat', 'DEEPSEEK_API_KEY'], ['deepseek/deepseek-v4-pro', 'DEEPSEEK_API_KEY'], ['deepseek-v4-flash', 'DEEPSEEK_API_KEY'], ['datascope/qwen-turbo', 'DASHSCOPE_API_KEY']] as const) {
    const reply = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: name, messages: [{ role: 'user', content: 'Hi' }] } })
    t.equal(reply.statusCode, 404, name)
    t.match(reply.json(), { error: new RegExp(`^model '${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}' not found \\(set ${variable} to use `) })
  }
  t.same((await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'my-own-model', messages: [] } })).json(), { error: "model 'my-own-model' not found" }, 'no hint when no provider claims the name')
})
