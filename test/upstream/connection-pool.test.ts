import t from 'tap'
import { Agent, request } from 'undici'
import { listenTestApp } from '../helpers/build-app.js'

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

t.test('upstream connections per origin are bounded; a request queued past the deadline gets a 504', async (t) => {
  const { url, upstream } = await listenTestApp(t, { UPSTREAM_MAX_CONNECTIONS: '2', REQUEST_DEADLINE_MS: '500' })
  const dispatcher = new Agent()
  const controller = new AbortController()
  const holding = await Promise.all([0, 1].map(() => request(`${url}/api/chat`, {
    dispatcher,
    signal: controller.signal,
    method: 'POST',
    body: JSON.stringify({ model: 'openai/fake-slow', messages: [{ role: 'user', content: 'go' }] })
  })))
  t.equal(upstream.calls.length, 2)
  const queued = await request(`${url}/api/chat`, {
    dispatcher,
    method: 'POST',
    body: JSON.stringify({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'go' }] })
  })
  t.equal(queued.statusCode, 504, 'waited in the pool queue until the deadline')
  t.equal(upstream.openRequests(), 2, 'and no longer: the two 20 s streams are still running')
  t.same(await queued.body.json(), { error: 'upstream did not answer within the request deadline' })
  t.equal(upstream.calls.length, 2, 'no third connection was opened')
  t.ok(upstream.openSockets() <= 2, `${upstream.openSockets()} upstream sockets`)

  // A client leaving while its request waits for a connection is let go at once, and never reaches upstream.
  const leaving = new AbortController()
  const waiting = request(`${url}/api/chat`, { dispatcher, signal: leaving.signal, method: 'POST', body: JSON.stringify({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'go' }] }) })
  await delay(100)
  leaving.abort()
  await t.rejects(waiting)
  await delay(100)
  t.equal(upstream.calls.length, 2, 'the abandoned request was never sent')
  controller.abort()
  await Promise.allSettled(holding.map((response) => response.body.text()))
  await upstream.waitForNoSockets(5000)
  await delay(10)
  await dispatcher.destroy()
})
