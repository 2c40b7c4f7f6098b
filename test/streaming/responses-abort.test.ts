import t from 'tap'
import OpenAI from 'openai'
import { listenTestApp } from '../helpers/build-app.js'
import { ANTHROPIC_FAKE_MODELS, startFakeAnthropic } from '../helpers/fake-anthropic.js'

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor (condition: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) return false
    await delay(5)
  }
  return true
}

/** Reads a Responses stream until `deltas` text deltas arrived, then aborts it as a client leaving would. */
async function leaveAfter (openai: OpenAI, model: string, deltas: number): Promise<number> {
  const stream = openai.responses.stream({ model, input: 'go' })
  let seen = 0
  try {
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta' && ++seen === deltas) stream.abort()
    }
  } catch {}
  return seen
}

t.test('a Responses client leaving mid-stream aborts the upstream at once (OpenAI-compatible)', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'ollama', maxRetries: 0 })
  t.equal(await leaveAfter(openai, 'openai/fake-slow', 5), 5)
  t.ok(await waitFor(() => upstream.calls[0]?.aborted === true), 'the upstream saw the request end early')
  await upstream.waitForNoSockets(5000)
  t.pass('no upstream socket left open')
})

t.test('a Responses client leaving mid-stream aborts the upstream at once (Anthropic)', async (t) => {
  const anthropic = await startFakeAnthropic()
  t.teardown(() => anthropic.close())
  const { url } = await listenTestApp(t, { ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: anthropic.url, ANTHROPIC_MODELS: ANTHROPIC_FAKE_MODELS.join(',') })
  const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'ollama', maxRetries: 0 })
  t.equal(await leaveAfter(openai, 'anthropic/fake-slow', 5), 5)
  t.ok(await waitFor(() => anthropic.calls[0]?.aborted === true), 'the upstream saw the request end early')
  await anthropic.waitForNoSockets(5000)
  t.pass('no upstream socket left open')
})
