import t from 'tap'
import { request } from 'undici'
import { buildTestApp, listenTestApp } from '../helpers/build-app.js'

const hello = [{ role: 'user', content: 'Hello' }]

function sseData (body: string): string[] {
  return body.split('\n\n').filter((frame) => frame !== '').map((frame) => {
    if (!frame.startsWith('data: ')) throw new Error(`not an SSE data frame: ${frame}`)
    return frame.slice('data: '.length)
  })
}

t.test('streamed chunks share id and created, carry fp_ollama, and end with [DONE]', async (t) => {
  const { app } = await buildTestApp(t)
  const response = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'openai/fake-tools', messages: hello, stream: true } })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'text/event-stream')
  const frames = sseData(response.body)
  t.equal(frames.at(-1), '[DONE]')
  const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame) as Record<string, any>) // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
  for (const chunk of chunks) {
    t.match(chunk, { object: 'chat.completion.chunk', model: 'openai/fake-tools', system_fingerprint: 'fp_ollama', id: chunks[0]!.id, created: chunks[0]!.created })
  }
  t.match(chunks[0]!.choices[0], { index: 0, delta: { role: 'assistant', content: '', tool_calls: [{ index: 0, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } }] }, finish_reason: null })
  t.match(chunks[1]!.choices[0].delta.tool_calls, [{ index: 1, function: { name: 'get_time', arguments: '{}' } }])
  t.notOk('role' in chunks[1]!.choices[0].delta, 'role only in the first delta')
  t.same(chunks.at(-1)!.choices, [{ index: 0, delta: {}, finish_reason: 'tool_calls' }])
})

t.test('errors before the first chunk keep a real status, in OpenAI\'s shape', async (t) => {
  const { app } = await buildTestApp(t)
  const early = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'openai/fake-early-error', messages: hello, stream: true } })
  t.equal(early.statusCode, 502)
  t.same(early.json(), { error: { message: 'content filtered before any token', type: 'api_error', param: null, code: null } })

  const limited = await app.inject({ method: 'POST', url: '/v1/completions', payload: { model: 'openai/fake-429', prompt: 'x' } })
  t.equal(limited.statusCode, 429)
  t.equal(limited.headers['retry-after'], '7')
  t.equal(limited.json().error.type, 'api_error')

  const invalid = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'openai/fake-text' } })
  t.equal(invalid.statusCode, 400)
  t.match(invalid.json(), { error: { message: /messages/, type: 'invalid_request_error', param: null, code: null } })

  const empty = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: '', messages: hello } })
  t.same(empty.json(), { error: { message: 'model is required', type: 'invalid_request_error', param: null, code: null } })

  // Outside /v1 errors keep Ollama's flat shape.
  const native = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/nope', messages: hello } })
  t.same(native.json(), { error: "model 'openai/nope' not found" })
})

t.test('an empty registry lists data: null, as Ollama does', async (t) => {
  const { app } = await buildTestApp(t, { OPENAI_API_KEY: '' })
  t.same((await app.inject({ method: 'GET', url: '/v1/models' })).json(), { object: 'list', data: null })
})

t.test('a client leaving an SSE stream aborts the upstream at once', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  const controller = new AbortController()
  const response = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'openai/fake-slow', messages: [{ role: 'user', content: 'go' }], stream: true }),
    signal: controller.signal
  })
  let received = 0
  await t.rejects(async () => {
    for await (const chunk of response.body) {
      received += chunk.length
      if (received > 500) controller.abort()
    }
  })
  await upstream.waitForNoSockets(5000)
  t.ok(upstream.calls[0]!.aborted, 'the upstream saw the request end early')
})
