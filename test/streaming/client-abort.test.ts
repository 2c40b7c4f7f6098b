import t from 'tap'
import { request } from 'undici'
import { listenTestApp } from '../helpers/build-app.js'

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor (condition: () => boolean, timeoutMs = 2000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) return false
    await delay(5)
  }
  return true
}

t.test('a client leaving mid-stream aborts the upstream at once', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  const controller = new AbortController()
  const response = await request(`${url}/api/chat`, {
    method: 'POST',
    body: JSON.stringify({ model: 'openai/fake-slow', messages: [{ role: 'user', content: 'go' }] }),
    signal: controller.signal
  })
  let received = 0
  await t.rejects(async () => {
    for await (const chunk of response.body) {
      received += chunk.length
      if (received > 500) controller.abort()
    }
  })
  t.ok(await waitFor(() => upstream.calls[0]?.aborted === true, 5000), 'upstream saw the request end early')
  await upstream.waitForNoSockets(5000)
  t.pass('no upstream socket left open')
})

t.test('a client leaving before upstream headers aborts the upstream', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  const controller = new AbortController()
  const pending = request(`${url}/api/chat`, {
    method: 'POST',
    body: JSON.stringify({ model: 'openai/fake-stall', messages: [{ role: 'user', content: 'go' }] }),
    signal: controller.signal
  })
  t.ok(await waitFor(() => upstream.calls.length === 1), 'the upstream got the request')
  controller.abort()
  await t.rejects(pending)
  t.ok(await waitFor(() => upstream.calls[0]!.aborted), 'the upstream request was abandoned')
  await upstream.waitForNoSockets(5000)
  t.pass('no upstream socket left open')
})

t.test('a client leaving a non-streamed request aborts the upstream', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  const controller = new AbortController()
  const pending = request(`${url}/api/generate`, {
    method: 'POST',
    body: JSON.stringify({ model: 'openai/fake-slow', prompt: 'go', stream: false }),
    signal: controller.signal
  })
  t.ok(await waitFor(() => upstream.calls.length === 1))
  await delay(50)
  controller.abort()
  await t.rejects(pending)
  t.ok(await waitFor(() => upstream.calls[0]!.aborted, 5000))
  await upstream.waitForNoSockets(5000)
  t.pass('no upstream socket left open')
})

t.test('a slow reader pauses the upstream instead of buffering the answer', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  const response = await request(`${url}/api/chat`, {
    method: 'POST',
    body: JSON.stringify({ model: 'openai/fake-slow', messages: [{ role: 'user', content: 'go' }] })
  })
  const reader = response.body
  reader.pause()
  await delay(300)
  // The upstream writes every 10 ms; with a paused reader it must not have finished.
  t.equal(upstream.calls[0]!.aborted, false)
  reader.destroy()
  t.ok(await waitFor(() => upstream.calls[0]!.aborted, 5000), 'destroying the reader aborts upstream')
})

t.test('a client leaving during a retry wait stops the retries', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  const controller = new AbortController()
  const pending = request(`${url}/api/chat`, {
    method: 'POST',
    body: JSON.stringify({ model: 'openai/fake-flaky-429-1', messages: [{ role: 'user', content: 'go' }] }),
    signal: controller.signal
  })
  // The upstream answered 429 with retry-after: 1; the service is now waiting a second.
  t.ok(await waitFor(() => upstream.calls.length === 1))
  controller.abort()
  await t.rejects(pending)
  await delay(1500)
  t.equal(upstream.calls.length, 1, 'no retry after the client left')
})
