import t from 'tap'
import { buildTestApp, parseNdjson, TEST_API_KEY } from '../helpers/build-app.js'
import { FAKE_USAGE } from '../helpers/fake-upstream.js'

const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/
const hello = [{ role: 'user', content: 'Hello' }]

t.test('a streamed chat is NDJSON, one compact line per delta, ending with done:true and metrics', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-text', messages: hello } })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'application/x-ndjson')
  t.ok(response.body.endsWith('}\n'))
  t.notOk(response.body.includes('data:'), 'not SSE')
  const lines = parseNdjson(response.body)
  t.same(lines.slice(0, 3).map((line) => line.message), [
    { role: 'assistant', content: 'Hello' },
    { role: 'assistant', content: ' world' },
    { role: 'assistant', content: '!' }
  ])
  for (const line of lines) {
    t.equal(line.model, 'openai/fake-text', 'model echoed as sent')
    t.match(line.created_at, CREATED_AT)
  }
  const final = lines.at(-1)!
  t.match(final, { done: true, done_reason: 'stop', message: { role: 'assistant', content: '' }, prompt_eval_count: FAKE_USAGE.prompt_tokens, eval_count: FAKE_USAGE.completion_tokens })
  for (const field of ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration']) {
    t.ok(Number.isInteger(final[field]) && (final[field] as number) > 0, `${field} is a positive integer`)
  }
  t.equal(lines.filter((line) => line.done === true).length, 1)

  const sent = upstream.calls[0]!
  t.equal(sent.path, '/v1/chat/completions')
  t.equal(sent.headers.authorization, `Bearer ${TEST_API_KEY}`)
  t.match(sent.body, { model: 'fake-text', stream: true, stream_options: { include_usage: true }, messages: hello })
})

t.test('stream: null and absent both stream; false answers one JSON object', async (t) => {
  const { app } = await buildTestApp(t)
  const nullStream = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-text', messages: hello, stream: null } })
  t.equal(nullStream.headers['content-type'], 'application/x-ndjson')
  const single = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-text:latest', messages: hello, stream: false } })
  t.equal(single.headers['content-type'], 'application/json; charset=utf-8')
  const body = single.json()
  t.match(body, { model: 'openai/fake-text:latest', message: { role: 'assistant', content: 'Hello world!' }, done: true, done_reason: 'stop', eval_count: 3 })
  t.notOk('thinking' in body.message, 'empty thinking is omitted')
  t.notOk('tool_calls' in body.message, 'empty tool_calls are omitted')
})

t.test('options reach the upstream under their names; ignored ones do not', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  await app.inject({
    method: 'POST',
    url: '/api/chat',
    headers: { authorization: 'Bearer client-token' },
    payload: {
      model: 'openai/fake-text',
      messages: [{ role: 'SYSTEM', content: 'Be brief' }, ...hello],
      stream: false,
      options: { temperature: 0.3, top_p: 0.8, num_predict: 50, stop: ['END'], seed: 42, presence_penalty: 0.5, frequency_penalty: 0.25, num_ctx: 4096, mirostat: 1 }
    }
  })
  const body = upstream.calls[0]!.body
  t.match(body, { temperature: 0.3, top_p: 0.8, max_completion_tokens: 50, stop: ['END'], seed: 42, presence_penalty: 0.5, frequency_penalty: 0.25 })
  t.notOk('num_ctx' in body)
  t.equal((body.messages as Array<{ role: string }>)[0]!.role, 'system', 'roles are lower-cased')
  t.equal(upstream.calls[0]!.headers.authorization, `Bearer ${TEST_API_KEY}`, 'the client\'s Authorization never goes upstream')
})

t.test('reasoning streams as message.thinking, separate from content', async (t) => {
  const { app } = await buildTestApp(t)
  const lines = parseNdjson((await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-reasoning', messages: hello } })).body)
  t.same(lines[0]!.message, { role: 'assistant', content: '', thinking: 'Let me think. ' })
  const single = (await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-reasoning', messages: hello, stream: false } })).json()
  t.same(single.message, { role: 'assistant', content: 'The answer is 4.', thinking: 'Let me think. Done thinking.' })
})

t.test('tool calls arrive whole, with object arguments and Ollama ids; done_reason stays stop', async (t) => {
  const { app } = await buildTestApp(t)
  const lines = parseNdjson((await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-tools', messages: hello } })).body)
  const calls = lines.flatMap((line) => (line.message as { tool_calls?: unknown[] }).tool_calls ?? [])
  t.equal(calls.length, 2)
  t.match(calls[0], { id: /^call_[a-z0-9]{8}$/, function: { index: 0, name: 'get_weather', arguments: { city: 'Tokyo' } } })
  t.match(calls[1], { function: { index: 1, name: 'get_time', arguments: {} } })
  t.notOk('type' in (calls[0] as object))
  t.equal(lines.at(-1)!.done_reason, 'stop')
})

t.test('finish_reason length becomes done_reason length', async (t) => {
  const { app } = await buildTestApp(t)
  const body = (await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-length', messages: hello, stream: false } })).json()
  t.equal(body.done_reason, 'length')
  t.equal(body.message.content, 'Cut short')
})

t.test('split UTF-8 characters survive', async (t) => {
  const { app } = await buildTestApp(t)
  const body = (await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-utf8', messages: hello, stream: false } })).json()
  t.equal(body.message.content, '你好，世界')
})

t.test('empty messages answer load; keep_alive 0 answers unload; both plain JSON', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  const load = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-text' } })
  t.equal(load.headers['content-type'], 'application/json; charset=utf-8')
  t.match(load.json(), { model: 'openai/fake-text', message: { role: 'assistant', content: '' }, done: true, done_reason: 'load' })
  const unload = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-text', messages: [], keep_alive: 0 } })
  t.equal(unload.json().done_reason, 'unload')
  t.equal(upstream.calls.length, 0, 'nothing went upstream')
})

t.test('DEFAULT_MODEL stands in for a missing model', async (t) => {
  const { app } = await buildTestApp(t, { DEFAULT_MODEL: 'openai/fake-text' })
  const body = (await app.inject({ method: 'POST', url: '/api/chat', payload: { messages: hello, stream: false } })).json()
  t.equal(body.message.content, 'Hello world!')
  t.equal(body.model, 'openai/fake-text')
})

t.test('an alias\'s system prompt and options apply unless the request brings its own', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  app.providers.addAlias({ name: 'brief', target: 'openai/fake-text', preset: { system: 'Be brief', options: { temperature: 0.1, num_predict: 5 } }, origin: 'user' })
  await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'brief', messages: hello, stream: false, options: { temperature: 0.7 } } })
  t.match(upstream.calls[0]!.body, { model: 'fake-text', temperature: 0.7, max_completion_tokens: 5, messages: [{ role: 'system', content: 'Be brief' }, ...hello] })
  await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'brief:latest', messages: [{ role: 'system', content: 'Mine' }, ...hello], stream: false } })
  t.same((upstream.calls[1]!.body.messages as unknown[])[0], { role: 'system', content: 'Mine' })
  await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'brief', prompt: 'x', stream: false } })
  t.same((upstream.calls[2]!.body.messages as unknown[])[0], { role: 'system', content: 'Be brief' })
})
