import t from 'tap'
import { buildTestApp, FAKE_MODELS, parseNdjson } from '../helpers/build-app.js'

t.test('a streamed generate answers response deltas and a final done chunk', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  const response = await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'openai/fake-text', prompt: 'Say hello', system: 'Be kind' } })
  t.equal(response.headers['content-type'], 'application/x-ndjson')
  const lines = parseNdjson(response.body)
  t.same(lines.slice(0, 3).map((line) => line.response), ['Hello', ' world', '!'])
  t.match(lines.at(-1), { response: '', done: true, done_reason: 'stop', eval_count: 3 })
  t.notOk('message' in lines[0]!)
  t.same(upstream.calls[0]!.body.messages, [{ role: 'system', content: 'Be kind' }, { role: 'user', content: 'Say hello' }])
})

t.test('non-streamed generate, thinking in its own field, images as data URLs', async (t) => {
  const { app, upstream } = await buildTestApp(t, { OPENAI_MODELS: [...FAKE_MODELS, 'fake-reasoning-vision=completion+vision+thinking'].join(',') })
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk'
  const body = (await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'openai/fake-reasoning-vision', prompt: '2+2?', images: [png], stream: false } })).json()
  t.match(body, { response: 'The answer is 4.', thinking: 'Let me think. Done thinking.', done: true })
  const content = (upstream.calls[0]!.body.messages as Array<{ content: unknown }>)[0]!.content
  t.same(content, [{ type: 'text', text: '2+2?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } }])
})

t.test('empty prompt answers load, keep_alive 0 unload', async (t) => {
  const { app } = await buildTestApp(t)
  t.match((await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'openai/fake-text' } })).json(), { response: '', done: true, done_reason: 'load' })
  t.match((await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'openai/fake-text', prompt: '', keep_alive: '0s' } })).json(), { done_reason: 'unload' })
})

t.test('format json and JSON schemas reach the upstream', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'openai/fake-text', prompt: 'x', format: 'json', stream: false } })
  t.same(upstream.calls[0]!.body.response_format, { type: 'json_object' })
  const schema = { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] }
  await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-text', messages: [{ role: 'user', content: 'x' }], format: schema, stream: false } })
  t.same(upstream.calls[1]!.body.response_format, { type: 'json_schema', json_schema: { name: 'response', schema } })
})
