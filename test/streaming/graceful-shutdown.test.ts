import t from 'tap'
import { Agent, Client, request } from 'undici'
import { listenTestApp, parseNdjson } from '../helpers/build-app.js'

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor (condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) return false
    await delay(5)
  }
  return true
}

t.test('health probes: live and ready while serving', async (t) => {
  const { url } = await listenTestApp(t, { API_KEYS: 'client-key' })
  for (const [path, body] of [['/health/live', { status: 'ok' }], ['/health/ready', { status: 'ready' }]] as const) {
    const response = await request(`${url}${path}`)
    t.equal(response.statusCode, 200, `${path} needs no key`)
    t.same(await response.body.json(), body)
  }
  const document = await (await request(`${url}/openapi.json`, { headers: { 'x-api-key': 'client-key' } })).body.json() as { paths: Record<string, unknown> }
  t.ok(document.paths['/health/live'] !== undefined && document.paths['/health/ready'] !== undefined, 'both probes are in the OpenAPI document')
})

t.test('a drain during 100 open streams lets every one finish, with no client error', async (t) => {
  const { url, app, upstream } = await listenTestApp(t)
  const client = new Agent({ connections: 200 })
  t.teardown(() => client.close())
  const streams = Array.from({ length: 100 }, async () => {
    const response = await request(`${url}/api/chat`, {
      dispatcher: client,
      method: 'POST',
      body: JSON.stringify({ model: 'openai/fake-steady', messages: [{ role: 'user', content: 'go' }] })
    })
    return { status: response.statusCode, lines: parseNdjson(await response.body.text()) }
  })
  t.ok(await waitFor(() => upstream.calls.length === 100), 'all 100 streams reached the upstream')
  const draining = app.lifecycle.drain(20_000)
  t.equal(app.lifecycle.ready, false, 'not ready as soon as the drain starts')
  await t.rejects(request(`${url}/health/ready`), 'no new connection is accepted')
  const results = await Promise.all(streams)
  await draining
  t.equal(results.filter((result) => result.status !== 200).length, 0, 'every stream answered 200')
  t.equal(results.filter((result) => result.lines.some((line) => 'error' in line)).length, 0, 'no error line')
  t.equal(results.filter((result) => result.lines.at(-1)?.done === true).length, 100, 'every stream ended with its done chunk')
  t.equal(upstream.calls.filter((call) => call.aborted).length, 0, 'no upstream request was cut')
})

t.test('streams still open when the grace window ends get an error line; upstreams are aborted', async (t) => {
  const { url, app, upstream } = await listenTestApp(t)
  const streams = Array.from({ length: 3 }, async () => {
    const response = await request(`${url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'openai/fake-slow', messages: [{ role: 'user', content: 'go' }] })
    })
    return { status: response.statusCode, lines: parseNdjson(await response.body.text()) }
  })
  t.ok(await waitFor(() => upstream.calls.length === 3))
  await delay(50)
  const started = Date.now()
  await app.lifecycle.drain(200)
  t.ok(Date.now() - started < 5000, 'the drain did not wait for the 20 s streams')
  for (const { status, lines } of await Promise.all(streams)) {
    t.equal(status, 200)
    t.ok(lines.length > 1, 'tokens arrived before the shutdown')
    t.same(lines.at(-1), { error: 'server is shutting down' }, 'ends with an error line')
  }
  t.ok(await waitFor(() => upstream.calls.every((call) => call.aborted)), 'every upstream request was aborted')
  await upstream.waitForNoSockets(5000)
})

t.test('a request still waiting for upstream headers at the end of the grace window gets a 503', async (t) => {
  const { url, app, upstream } = await listenTestApp(t)
  const pending = request(`${url}/api/chat`, {
    method: 'POST',
    body: JSON.stringify({ model: 'openai/fake-stall', messages: [{ role: 'user', content: 'go' }] })
  })
  t.ok(await waitFor(() => upstream.calls.length === 1))
  await app.lifecycle.drain(100)
  const response = await pending
  t.equal(response.statusCode, 503)
  t.same(await response.body.json(), { error: 'server is shutting down' })
  t.ok(await waitFor(() => upstream.calls[0]!.aborted))
})

t.test('a request arriving during the drain on an open connection gets a 503 in the route\'s error shape', async (t) => {
  const { url, app, upstream } = await listenTestApp(t)
  // Pipelined on one connection: the second request reaches the server once the first answer is over.
  const client = new Client(url, { pipelining: 2 })
  t.teardown(() => client.close())
  const chat = JSON.stringify({ model: 'openai/fake-steady', messages: [{ role: 'user', content: 'go' }] })
  const streaming = client.request({ path: '/api/chat', method: 'POST', body: chat })
  t.ok(await waitFor(() => upstream.calls.length === 1))
  const draining = app.lifecycle.drain(20_000)
  const ready = client.request({ path: '/health/ready', method: 'GET' })
  const first = await streaming
  t.equal(parseNdjson(await first.body.text()).at(-1)?.done, true, 'the open answer finished')
  const refused = await ready
  t.equal(refused.statusCode, 503)
  t.equal(refused.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(await refused.body.text(), '{"error":"server is shutting down"}')
  await draining
})
