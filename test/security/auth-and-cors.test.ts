import t from 'tap'
import { Ollama } from 'ollama'
import { Agent, request } from 'undici'
import { buildTestApp, listenTestApp, TEST_API_KEY } from '../helpers/build-app.js'

const CLIENT_KEYS = { API_KEYS: 'client-key-one, client-key-two' }
const chat = { model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }], stream: false }

t.test('with API_KEYS set, every route but the probes needs a key', async (t) => {
  const { app, upstream } = await buildTestApp(t, CLIENT_KEYS)
  for (const [method, url] of [['GET', '/api/tags'], ['GET', '/api/version'], ['GET', '/api/ps'], ['POST', '/api/chat'], ['POST', '/api/generate'], ['GET', '/openapi.json']] as const) {
    const response = await app.inject({ method, url, payload: method === 'POST' ? chat : undefined })
    t.equal(response.statusCode, 401, `${method} ${url}`)
    t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
    t.same(response.json(), { error: 'unauthorized' })
  }
  const wrong = await app.inject({ method: 'POST', url: '/api/chat', payload: chat, headers: { authorization: 'Bearer client-key-three' } })
  t.equal(wrong.statusCode, 401, 'a wrong key')
  const notBearer = await app.inject({ method: 'GET', url: '/api/tags', headers: { authorization: 'Basic client-key-one' } })
  t.equal(notBearer.statusCode, 401, 'only the Bearer scheme')
  t.equal(upstream.calls.length, 0, 'nothing unauthorised went upstream')

  for (const [method, url] of [['GET', '/'], ['HEAD', '/'], ['GET', '/health/live'], ['GET', '/health/ready']] as const) {
    const response = await app.inject({ method, url })
    t.equal(response.statusCode, 200, `${method} ${url} stays open`)
  }
})

t.test('a key is accepted as Authorization: Bearer or x-api-key, and never goes upstream', async (t) => {
  const { app, upstream } = await buildTestApp(t, CLIENT_KEYS)
  const bearer = await app.inject({ method: 'POST', url: '/api/chat', payload: chat, headers: { authorization: 'Bearer client-key-two' } })
  t.equal(bearer.statusCode, 200)
  const apiKey = await app.inject({ method: 'POST', url: '/api/chat', payload: chat, headers: { 'x-api-key': 'client-key-one' } })
  t.equal(apiKey.statusCode, 200)
  t.equal(upstream.calls.length, 2)
  for (const call of upstream.calls) {
    t.equal(call.headers.authorization, `Bearer ${TEST_API_KEY}`, 'the provider key, built from scratch')
    t.notOk('x-api-key' in call.headers, 'the client\'s x-api-key stays here')
  }
})

t.test('the ollama client authenticates with a Bearer header', async (t) => {
  const { url } = await listenTestApp(t, CLIENT_KEYS)
  const anonymous = new Ollama({ host: url })
  await t.rejects(anonymous.list(), { name: 'ResponseError', message: 'unauthorized' } as Error)
  const client = new Ollama({ host: url, headers: { Authorization: 'Bearer client-key-one' } })
  const answer = await client.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }] })
  t.equal(answer.message.content, 'Hello world!')
})

t.test('CORS as Ollama: local and app origins allowed, others refused with 403', async (t) => {
  const { app } = await buildTestApp(t, { OLLAMA_ORIGINS: 'https://*.example.com,https://chat.acme.test' })
  for (const origin of ['http://localhost', 'http://localhost:3000', 'https://127.0.0.1:8443', 'http://0.0.0.0:8080', 'app://obsidian.md', 'file://', 'tauri://localhost', 'vscode-webview://abc', 'vscode-file://vscode-app', 'https://ui.example.com', 'https://chat.acme.test']) {
    const response = await app.inject({ method: 'GET', url: '/api/version', headers: { origin } })
    t.equal(response.statusCode, 200, `${origin} allowed`)
    t.equal(response.headers['access-control-allow-origin'], origin, `${origin} reflected`)
  }
  for (const origin of ['https://evil.test', 'http://localhost.evil.test', 'https://example.com.evil.test', 'chrome-extension://abcdef', 'moz-extension://abcdef']) {
    const response = await app.inject({ method: 'GET', url: '/api/version', headers: { origin } })
    t.equal(response.statusCode, 403, `${origin} refused`)
    t.equal(response.body, '', 'with an empty body, as gin-contrib/cors')
  }
  const noOrigin = await app.inject({ method: 'GET', url: '/api/version' })
  t.equal(noOrigin.statusCode, 200, 'non-browser clients send no Origin')
  t.notOk('access-control-allow-origin' in noOrigin.headers)
})

t.test('a preflight answers 204 with the allowed headers, without needing a key', async (t) => {
  const { app } = await buildTestApp(t, CLIENT_KEYS)
  const response = await app.inject({
    method: 'OPTIONS',
    url: '/api/chat',
    headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' }
  })
  t.equal(response.statusCode, 204)
  t.equal(response.headers['access-control-allow-origin'], 'http://localhost:5173')
  t.match(String(response.headers['access-control-allow-headers']), /Authorization/)
  t.match(String(response.headers['access-control-allow-headers']), /x-stainless-retry-count/)
  t.match(String(response.headers['access-control-allow-methods']), /POST/)
  const refused = await app.inject({ method: 'GET', url: '/api/tags', headers: { origin: 'http://localhost:5173' } })
  t.equal(refused.statusCode, 401)
  t.equal(refused.headers['access-control-allow-origin'], 'http://localhost:5173', 'the browser can read the 401')
})

t.test('a body over BODY_LIMIT_BYTES is a 413 in Ollama\'s shape, never sent upstream', async (t) => {
  const { app, upstream } = await buildTestApp(t, { BODY_LIMIT_BYTES: '2048' })
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { ...chat, messages: [{ role: 'user', content: 'x'.repeat(4096) }] } })
  t.equal(response.statusCode, 413)
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  t.same(response.json(), { error: 'request body too large' })
  t.equal(upstream.calls.length, 0)
})

t.test('past MAX_PENDING_ANSWERS a request gets a fast 503 with Retry-After', async (t) => {
  const { url, upstream } = await listenTestApp(t, { MAX_PENDING_ANSWERS: '2' })
  // Its own client, destroyed at the end: connections it leaves behind would hold the app's close.
  const dispatcher = new Agent()
  const controller = new AbortController()
  const open = [0, 1].map(() => request(`${url}/api/chat`, {
    method: 'POST',
    body: JSON.stringify({ model: 'openai/fake-slow', messages: [{ role: 'user', content: 'go' }] }),
    dispatcher,
    signal: controller.signal
  }))
  const opened = await Promise.all(open)
  const busy = await request(`${url}/api/chat`, { dispatcher, method: 'POST', body: JSON.stringify(chat) })
  t.equal(busy.statusCode, 503)
  t.equal(busy.headers['retry-after'], '1')
  t.same(await busy.body.json(), { error: 'server busy, please try again.  maximum pending requests exceeded' })
  t.equal(upstream.calls.length, 2, 'the refused request never went upstream')
  const probe = await request(`${url}/api/tags`, { dispatcher })
  t.equal(probe.statusCode, 200, 'listings are not counted')
  await probe.body.dump()
  controller.abort()
  await Promise.allSettled(opened.map((response) => response.body.text()))
  await upstream.waitForNoSockets(5000)
  const again = await request(`${url}/api/chat`, { dispatcher, method: 'POST', body: JSON.stringify(chat) })
  t.equal(again.statusCode, 200, 'slots come back when requests end')
  await again.body.dump()
  await dispatcher.destroy()
})

t.test('a clear warning at start when no key is set and the listener is not loopback', async (t) => {
  const { Writable } = await import('node:stream')
  const { buildApp } = await import('../../src/app.js')
  for (const [host, warned] of [['0.0.0.0', true], ['127.0.0.1', false], ['localhost', false]] as const) {
    const lines: string[] = []
    const app = await buildApp({
      logStream: new Writable({ write (chunk: Buffer, _encoding, callback) { lines.push(chunk.toString('utf8')); callback() } }),
      env: { HOST: host, LOG_LEVEL: 'warn' }
    })
    await app.close()
    t.equal(lines.some((line) => line.includes('API_KEYS is not set')), warned, `HOST=${host}`)
  }
})

t.test('the upstream URL comes from configuration only, whatever the request says', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  const response = await app.inject({
    method: 'POST',
    url: '/api/chat',
    headers: { host: 'evil.test', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'http' },
    payload: { ...chat, base_url: 'http://evil.test/v1', api_base: 'http://evil.test' }
  })
  t.equal(response.statusCode, 200)
  t.equal(upstream.calls.length, 1, 'the configured upstream got the request')
  t.equal(upstream.calls[0]!.path, '/v1/chat/completions')
  t.notOk(JSON.stringify(upstream.calls[0]!.body).includes('evil.test'), 'unknown fields are not passed on')
  // A passed-through id is the provider's to judge: it travels in the body, never as part of the configured URL.
  await app.inject({ method: 'POST', url: '/api/chat', payload: { ...chat, model: 'openai/../../../evil' } })
  t.equal(upstream.calls.at(-1)?.path, '/v1/chat/completions', 'a model id never changes the upstream path')
  t.equal(upstream.calls.at(-1)?.body.model, '../../../evil', 'the id is sent as written, in the body')
})

t.test('a stalled event loop gets a fast 503 with Retry-After; the probes keep answering', async (t) => {
  const { app, upstream } = await buildTestApp(t, { MAX_EVENT_LOOP_DELAY_MS: '20' })
  // Let the loop turn only every 200 ms for a few sampling intervals, as a server that stays CPU-bound would.
  // The guard averages over seconds, so the quick ticks before this count too: 20 ms is passed well before the end.
  const until = Date.now() + 2500
  while (Date.now() < until) {
    const busyUntil = Date.now() + 200
    while (Date.now() < busyUntil) { /* busy */ }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  const refused = await app.inject({ method: 'POST', url: '/api/chat', payload: chat })
  t.equal(refused.statusCode, 503)
  t.equal(refused.headers['retry-after'], '1')
  t.same(refused.json(), { error: 'server busy, please try again' })
  t.equal(upstream.calls.length, 0)
  t.equal((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200, 'liveness is exempt')
})

t.test('a burst of long event-loop turns (many arrivals at once) does not refuse the requests after it', async (t) => {
  const { app, upstream } = await buildTestApp(t, { MAX_EVENT_LOOP_DELAY_MS: '100' })
  // Let the guard's window fill with ordinary turns first, as on a server that has been up for a while.
  await new Promise((resolve) => setTimeout(resolve, 2200))
  // Two turns of 1.2 s, as when thousands of streams arrive at once, then the loop keeps up again.
  for (let turn = 0; turn < 2; turn++) {
    const busyUntil = Date.now() + 1200
    while (Date.now() < busyUntil) { /* busy */ }
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  // The readings taken during the burst hold nothing but those turns; the guard must not refuse on them alone.
  await new Promise((resolve) => setTimeout(resolve, 300))
  const served = await app.inject({ method: 'POST', url: '/api/chat', payload: chat })
  t.equal(served.statusCode, 200, 'a stall that is over is not an overload')
  t.equal(upstream.calls.length, 1)
})
