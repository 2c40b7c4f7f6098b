/** Issue 19: with ADMIN_API_KEYS, only admin keys change models (create, copy, delete, push); ordinary keys read and infer. */
import t from 'tap'
import { Ollama } from 'ollama'
import { listenTestApp } from '../helpers/build-app.js'

const ORDINARY = 'ordinary-key'
const ADMIN = 'admin-key'
const REFUSED = 'forbidden: an admin key is needed to create, copy, delete or push models'

function clientWith (url: string, key?: string): Ollama {
  return new Ollama({ host: url, ...(key === undefined ? {} : { headers: { Authorization: `Bearer ${key}` } }) })
}

t.test('an ordinary key reads and infers, and gets 403 on every model change', async (t) => {
  const { url, upstream } = await listenTestApp(t, { API_KEYS: ORDINARY, ADMIN_API_KEYS: ADMIN })
  const ordinary = clientWith(url, ORDINARY)
  t.ok((await ordinary.list()).models.length > 0, 'list')
  t.ok((await ordinary.show({ model: 'openai/fake-text' })).capabilities.includes('completion'), 'show')
  t.equal((await ordinary.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }] })).message.content, 'Hello world!', 'chat')
  t.same(await ordinary.pull({ model: 'openai/fake-text' }), { status: 'success' }, 'pull changes nothing here')
  const callsBefore = upstream.calls.length

  const refusal = { name: 'ResponseError', status_code: 403, error: REFUSED }
  await t.rejects(ordinary.create({ model: 'pirate', from: 'openai/fake-text', system: 'Arr.' }), refusal, 'create')
  await t.rejects(ordinary.copy({ source: 'openai/fake-text', destination: 'my-text' }), refusal, 'copy')
  await t.rejects(ordinary.delete({ model: 'my-text' }), refusal, 'delete')
  await t.rejects(ordinary.push({ model: 'openai/fake-text' }), refusal, 'push')
  t.equal(upstream.calls.length, callsBefore)
  t.notOk((await ordinary.list()).models.some((model) => model.model === 'pirate:latest' || model.model === 'my-text:latest'), 'nothing was made')

  const raw = await fetch(`${url}/api/copy`, { method: 'POST', headers: { authorization: `Bearer ${ORDINARY}` }, body: JSON.stringify({ source: 'openai/fake-text', destination: 'x' }) })
  t.equal(raw.status, 403)
  t.equal(raw.headers.get('content-type'), 'application/json; charset=utf-8')
  t.equal(await raw.text(), JSON.stringify({ error: REFUSED }), 'Ollama\'s error shape, byte for byte')

  const anonymous = await fetch(`${url}/api/create`, { method: 'POST', body: JSON.stringify({ model: 'x', from: 'openai/fake-text' }) })
  t.equal(anonymous.status, 401, 'no key at all is still a 401 from client auth')
})

t.test('an admin key changes models and does everything an ordinary key does', async (t) => {
  const { url } = await listenTestApp(t, { API_KEYS: ORDINARY, ADMIN_API_KEYS: `other-admin, ${ADMIN}` })
  const admin = clientWith(url, ADMIN)
  t.same(await admin.create({ model: 'pirate', from: 'openai/fake-text', system: 'Arr.' }), { status: 'success' })
  t.same(await admin.copy({ source: 'pirate', destination: 'pirate-2' }), { status: 'success' })
  t.same(await admin.delete({ model: 'pirate-2' }), { status: 'success' })
  await t.rejects(admin.push({ model: 'openai/fake-text' }), { name: 'ResponseError', status_code: 500, error: /^pushing is not supported/ }, 'push reaches its own answer')
  t.equal((await admin.chat({ model: 'pirate', messages: [{ role: 'user', content: 'Hello' }] })).message.content, 'Hello world!')

  const ordinary = clientWith(url, ORDINARY)
  t.ok((await ordinary.list()).models.some((model) => model.model === 'pirate:latest'), 'what an admin made, everyone uses')
  t.equal((await ordinary.chat({ model: 'pirate', messages: [{ role: 'user', content: 'Hello' }] })).message.content, 'Hello world!')
})

t.test('without ADMIN_API_KEYS any client key manages models, as before', async (t) => {
  const { url } = await listenTestApp(t, { API_KEYS: ORDINARY })
  const ordinary = clientWith(url, ORDINARY)
  t.same(await ordinary.create({ model: 'pirate', from: 'openai/fake-text' }), { status: 'success' })
  t.same(await ordinary.delete({ model: 'pirate' }), { status: 'success' })
})

t.test('ADMIN_API_KEYS without API_KEYS guards only the model changes', async (t) => {
  const { url } = await listenTestApp(t, { ADMIN_API_KEYS: ADMIN })
  const anonymous = clientWith(url)
  t.equal((await anonymous.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }] })).message.content, 'Hello world!')
  await t.rejects(anonymous.create({ model: 'pirate', from: 'openai/fake-text' }), { name: 'ResponseError', status_code: 403, error: REFUSED })
  await t.rejects(clientWith(url, 'guessed-key').delete({ model: 'pirate' }), { name: 'ResponseError', status_code: 403, error: REFUSED })
  t.same(await clientWith(url, ADMIN).create({ model: 'pirate', from: 'openai/fake-text' }), { status: 'success' })
})
