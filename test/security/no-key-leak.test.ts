import { Writable } from 'node:stream'
import t from 'tap'
import { Ollama } from 'ollama'
import { request } from 'undici'
import { buildApp } from '../../src/app.js'
import { FAKE_MODELS, TEST_API_KEY } from '../helpers/build-app.js'
import { startFakeUpstream } from '../helpers/fake-upstream.js'

const CLIENT_KEY = 'client-secret-key-4f9a'

/** Every line the app logs, at trace level, as written. */
class LogCapture extends Writable {
  readonly lines: string[] = []
  override _write (chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''))
    callback()
  }
}

t.test('no provider or client key appears in any response body or log line', async (t) => {
  const upstream = await startFakeUpstream()
  const logs = new LogCapture()
  const app = await buildApp({
    logStream: logs,
    env: {
      LOG_LEVEL: 'trace',
      OPENAI_API_KEY: TEST_API_KEY,
      OPENAI_BASE_URL: upstream.url,
      OPENAI_MODELS: FAKE_MODELS.join(','),
      API_KEYS: CLIENT_KEY,
      MAX_EVENT_LOOP_DELAY_MS: '0',
      UPSTREAM_RETRY_BASE_MS: '5',
      UPSTREAM_IDLE_TIMEOUT_MS: '200',
      REQUEST_DEADLINE_MS: '1500'
    }
  })
  t.teardown(async () => {
    await app.close()
    await upstream.close()
  })
  app.providers.addAlias({ name: 'fallback-chain', target: 'openai/fake-401', fallbacks: ['openai/fake-500', 'openai/fake-tools'], origin: 'config' })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const authorization = `Bearer ${CLIENT_KEY}`
  const bodies: string[] = []

  const models = ['fake-text', 'fake-reasoning', 'fake-tools', 'fake-401', 'fake-403', 'fake-404', 'fake-429', 'fake-500', 'fake-529', 'fake-early-error', 'fake-error-event', 'fake-reset', 'fake-malformed', 'fake-truncated', 'fake-idle', 'fake-stall', 'fake-flaky-drop-1', 'nowhere']
  for (const model of models) {
    for (const stream of [true, false]) {
      const name = model === 'nowhere' ? 'nowhere/model' : `openai/${model}`
      const response = await request(`${url}/api/chat`, { method: 'POST', headers: { authorization }, body: JSON.stringify({ model: name, messages: [{ role: 'user', content: 'Hi' }], stream }) })
      bodies.push(await response.body.text())
    }
  }
  for (const [method, path, body] of [
    ['GET', '/api/tags', undefined], ['GET', '/api/ps', undefined], ['POST', '/api/show', { model: 'openai/fake-text' }], ['GET', '/openapi.json', undefined],
    ['POST', '/api/generate', { model: 'fallback-chain', prompt: 'x', stream: false }], ['POST', '/api/chat', '{"model": ']
  ] as const) {
    const response = await request(`${url}${path}`, { method, headers: { authorization }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) })
    bodies.push(await response.body.text())
  }
  // Wrong keys, in both headers, are refused without being echoed.
  for (const headers of [{ authorization: `Bearer ${TEST_API_KEY}` }, { 'x-api-key': `${CLIENT_KEY}-wrong` }]) {
    const response = await request(`${url}/api/tags`, { headers })
    t.equal(response.statusCode, 401)
    bodies.push(await response.body.text())
  }
  const client = new Ollama({ host: url, headers: { Authorization: authorization } })
  const answer = await client.chat({ model: 'fallback-chain', messages: [{ role: 'user', content: 'Hi' }], tools: [{ type: 'function', function: { name: 'get_weather', description: 'w', parameters: { type: 'object', properties: {} } } }] })
  t.equal(answer.message.tool_calls?.[0]?.function.name, 'get_weather', 'the fallback answered')

  t.ok(bodies.length > 40, `${bodies.length} responses checked`)
  t.ok(logs.lines.length > 40, `${logs.lines.length} log lines checked`)
  t.ok(logs.lines.some((line) => line.includes('upstream error 401')), 'the echoing 401 was logged (redacted)')
  for (const secret of [TEST_API_KEY, CLIENT_KEY]) {
    t.equal(bodies.filter((body) => body.includes(secret)).length, 0, `no response body holds ${secret.slice(0, 6)}…`)
    t.same(logs.lines.filter((line) => line.includes(secret)), [], `no log line holds ${secret.slice(0, 6)}…`)
  }
  t.ok(upstream.calls.every((call) => call.headers.authorization === `Bearer ${TEST_API_KEY}`), 'upstream saw only the provider key')
})
