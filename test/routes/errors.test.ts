import t from 'tap'
import { buildTestApp, parseNdjson, TEST_API_KEY } from '../helpers/build-app.js'

const hello = [{ role: 'user', content: 'Hello' }]

t.test('request errors carry Ollama\'s status and wording', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  const cases: Array<[string, string, unknown, number, string | RegExp]> = [
    ['empty body', '/api/chat', '', 400, 'missing request body'],
    ['invalid JSON', '/api/chat', '{"model": ', 400, /JSON|Unexpected|end/i],
    ['no model', '/api/chat', { messages: hello }, 400, 'model is required'],
    ['empty generate model', '/api/generate', { prompt: 'hi' }, 404, "model '' not found"],
    ['unknown provider', '/api/chat', { model: 'nowhere/x', messages: hello }, 404, "model 'nowhere/x' not found"],
    ['unknown model', '/api/generate', { model: 'nosuchprovider/gpt-0', prompt: 'hi' }, 404, "model 'nosuchprovider/gpt-0' not found"],
    ['bare unknown name', '/api/chat', { model: 'llama3', messages: hello }, 404, "model 'llama3' not found"],
    ['content not a string', '/api/chat', { model: 'openai/fake-text', messages: [{ role: 'user', content: ['x'] }] }, 400, /content/],
    ['messages not an array', '/api/chat', { model: 'openai/fake-text', messages: 'hi' }, 400, /messages/],
    ['bad think value', '/api/chat', { model: 'openai/o3', messages: hello, think: 'extreme' }, 400, 'invalid think value: "extreme" (must be "high", "medium", "low", "max", true, or false)'],
    ['think on a model without thinking', '/api/chat', { model: 'openai/gpt-4o', messages: hello, think: true }, 400, '"openai/gpt-4o" does not support thinking'],
    ['chat with an embedding model', '/api/chat', { model: 'openai/text-embedding-3-small', messages: hello }, 400, '"openai/text-embedding-3-small" does not support chat'],
    ['generate with an embedding model', '/api/generate', { model: 'openai/text-embedding-3-small', prompt: 'x' }, 400, '"openai/text-embedding-3-small" does not support generate'],
    ['suffix without insert', '/api/generate', { model: 'openai/gpt-4o', prompt: 'a', suffix: 'b' }, 400, 'openai/gpt-4o:latest does not support insert'],
    ['raw with system', '/api/generate', { model: 'openai/gpt-4o', prompt: 'a', raw: true, system: 's' }, 400, 'raw mode does not support template, system, or context'],
    ['bare-number keep_alive', '/api/chat', { model: 'openai/gpt-4o', messages: hello, keep_alive: '300' }, 400, 'time: missing unit in duration "300"']
  ]
  for (const [name, url, payload, status, message] of cases) {
    const response = await app.inject({ method: 'POST', url, payload: payload as string })
    t.equal(response.statusCode, status, `${name}: status`)
    t.equal(response.headers['content-type'], 'application/json; charset=utf-8', `${name}: JSON`)
    const body = response.json()
    t.same(Object.keys(body), ['error'], `${name}: only an error key`)
    if (typeof message === 'string') t.equal(body.error, message, `${name}: wording`)
    else t.match(body.error, message, `${name}: wording`)
  }
  t.equal(upstream.calls.length, 0, 'no bad request went upstream')
})

t.test('think: false is fine on a model without thinking', async (t) => {
  const { app } = await buildTestApp(t)
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-text', messages: hello, think: false, stream: false } })
  t.equal(response.statusCode, 200)
})

t.test('a body without JSON content type is still read (curl -d)', async (t) => {
  const { app } = await buildTestApp(t)
  const response = await app.inject({
    method: 'POST',
    url: '/api/chat',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: JSON.stringify({ model: 'openai/fake-text', messages: hello, stream: false })
  })
  t.equal(response.statusCode, 200)
})

t.test('upstream HTTP errors before streaming: status mapped, key never shown', async (t) => {
  const { app } = await buildTestApp(t)
  for (const [model, status] of [['fake-401', 401], ['fake-500', 502], ['fake-404', 404]] as const) {
    for (const stream of [true, false]) {
      const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: `openai/${model}`, messages: hello, stream } })
      t.equal(response.statusCode, status, `${model} stream=${stream}`)
      t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
      t.match(response.json().error, /upstream error/)
      t.notOk(response.body.includes(TEST_API_KEY), 'no key in the body')
    }
  }
  const limited = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-429', messages: hello } })
  t.equal(limited.statusCode, 429)
  t.equal(limited.headers['retry-after'], '7', 'Retry-After passed on')
})

t.test('an upstream error event before any token answers a real status', async (t) => {
  const { app } = await buildTestApp(t)
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-early-error', messages: hello } })
  t.equal(response.statusCode, 502)
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  t.same(response.json(), { error: 'content filtered before any token' })
})

t.test('faults after streaming began end the stream with one error line and no done chunk', async (t) => {
  const { app } = await buildTestApp(t)
  const faults: Array<[string, RegExp]> = [
    ['fake-error-event', /upstream overloaded/],
    ['fake-reset', /upstream/],
    ['fake-malformed', /malformed/],
    ['fake-truncated', /ended before the answer was complete/]
  ]
  for (const [model, message] of faults) {
    const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: `openai/${model}`, messages: hello } })
    t.equal(response.statusCode, 200, `${model}: status stays 200`)
    const lines = parseNdjson(response.body)
    t.equal((lines[0]!.message as { content: string }).content, 'Hello', `${model}: the first token arrived`)
    t.same(Object.keys(lines.at(-1)!), ['error'], `${model}: ends with an error line`)
    t.match(lines.at(-1)!.error, message)
    t.notOk(lines.some((line) => line.done === true), `${model}: no done chunk`)
  }
})

t.test('the same faults fail a non-streamed answer with an error status', async (t) => {
  const { app } = await buildTestApp(t)
  const response = await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'openai/fake-error-event', prompt: 'x', stream: false } })
  t.equal(response.statusCode, 502)
  t.same(response.json(), { error: 'upstream overloaded' })
})

t.test('an unreachable upstream is a 502 in Ollama\'s shape', async (t) => {
  const { app } = await buildTestApp(t, { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' })
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-text', messages: hello } })
  t.equal(response.statusCode, 502)
  t.same(response.json(), { error: 'upstream refused the connection' })
})
