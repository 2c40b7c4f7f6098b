import t from 'tap'
import { Ollama } from 'ollama'
import { openAiCompatibleProtocol } from '../../providers/protocols/openai-compatible/protocol.js'
import { openAiDescriptor } from '../../providers/presets/openai.js'
import { Secret } from '../../src/core/secret.js'
import { buildTestApp, listenTestApp, parseNdjson, type TestContext } from '../helpers/build-app.js'
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js'

const hello = [{ role: 'user', content: 'Hello' }]
const weatherTool = { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }

/** A second provider, `backup`, on its own fake upstream, so a fallback can cross providers. */
async function addBackupProvider (t: { teardown(fn: () => unknown): void }, context: TestContext): Promise<FakeUpstream> {
  const backup = await startFakeUpstream()
  t.teardown(() => backup.close())
  context.app.providers.register({
    descriptor: { ...openAiDescriptor, id: 'backup', displayName: 'Backup' },
    protocol: openAiCompatibleProtocol,
    apiKey: new Secret('sk-backup-secret-key'),
    baseUrl: backup.url,
    models: ['fake-text', 'fake-tools', 'fake-reasoning'].map((id) => ({ id, capabilities: ['completion', 'tools', 'thinking'], contextLength: 8192, family: 'fake' }))
  })
  return backup
}

t.test('a failing target falls back to the next model, and translation stays right', async (t) => {
  const context = await buildTestApp(t, { UPSTREAM_RETRY_BASE_MS: '5' })
  const backup = await addBackupProvider(t, context)
  context.app.providers.addAlias({ name: 'assistant', target: 'openai/fake-500', fallbacks: ['backup/fake-tools'], origin: 'config' })
  const response = await context.app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'assistant', messages: hello, tools: [weatherTool] } })
  t.equal(response.statusCode, 200)
  const lines = parseNdjson(response.body)
  const toolCalls = lines.flatMap((line) => (line.message as { tool_calls?: Array<{ function: { name: string, arguments: unknown } }> }).tool_calls ?? [])
  t.same(toolCalls.map((call) => call.function), [{ index: 0, name: 'get_weather', arguments: { city: 'Tokyo' } }, { index: 1, name: 'get_time', arguments: {} }], 'tool calls from the fallback')
  t.equal(lines.at(-1)!.done, true)
  t.equal(lines.at(-1)!.model, 'assistant', 'the client still sees the name it asked for')
  t.equal(lines.at(-1)!.prompt_eval_count, 12, 'usage from the fallback')
  t.equal(context.upstream.calls.length, 3, 'the target was tried with its retries first')
  t.equal(backup.calls.length, 1)
  t.equal(backup.calls[0]!.body.model, 'fake-tools')
  t.equal(backup.calls[0]!.headers.authorization, 'Bearer sk-backup-secret-key', 'the fallback provider\'s own key')
  t.ok(Array.isArray(backup.calls[0]!.body.tools), 'tools sent to the fallback')
})

t.test('fallbacks that cannot serve the request are skipped; request faults do not fall back', async (t) => {
  const { app, upstream } = await buildTestApp(t, { UPSTREAM_MAX_RETRIES: '0' })
  app.providers.addAlias({ name: 'chain', target: 'openai/fake-500', fallbacks: ['openai/text-embedding-3-small', 'nowhere/model', 'openai/fake-reasoning'], origin: 'config' })
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'chain', messages: hello, stream: false } })
  t.equal(response.statusCode, 200)
  t.equal(response.json().message.content, 'The answer is 4.')
  t.same(upstream.calls.map((call) => call.body.model), ['fake-500', 'fake-reasoning'], 'the embedding model and the unknown name were not tried')

  app.providers.addAlias({ name: 'strict', target: 'openai/fake-400', fallbacks: ['openai/fake-text'], origin: 'config' })
  const refused = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'strict', messages: hello } })
  t.equal(refused.statusCode, 400, 'a request the upstream calls invalid would be invalid anywhere')
  t.notOk(upstream.calls.some((call) => call.body.model === 'fake-text'))
})

t.test('when every model fails, the client gets the last error', async (t) => {
  const { app, upstream } = await buildTestApp(t, { UPSTREAM_MAX_RETRIES: '0' })
  app.providers.addAlias({ name: 'doomed', target: 'openai/fake-500', fallbacks: ['openai/fake-429'], origin: 'config' })
  const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'doomed', messages: hello } })
  t.equal(response.statusCode, 429)
  t.equal(response.headers['retry-after'], '7')
  t.same(upstream.calls.map((call) => call.body.model), ['fake-500', 'fake-429'])
})

t.test('a provider that keeps failing is cooled down: requests go straight to the fallback', async (t) => {
  const context = await buildTestApp(t, { UPSTREAM_MAX_RETRIES: '0', CIRCUIT_FAILURE_THRESHOLD: '2', CIRCUIT_COOLDOWN_MS: '300' })
  const backup = await addBackupProvider(t, context)
  context.app.providers.addAlias({ name: 'assistant', target: 'openai/fake-500', fallbacks: ['backup/fake-text'], origin: 'config' })
  const ask = async () => {
    const response = await context.app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'assistant', messages: hello, stream: false } })
    t.equal(response.statusCode, 200)
  }
  await ask()
  await ask()
  t.equal(context.upstream.calls.length, 2, 'two failures open the circuit')
  await ask()
  await ask()
  t.equal(context.upstream.calls.length, 2, 'while cooling down, the failing provider is not called')
  t.equal(backup.calls.length, 4)
  await new Promise((resolve) => setTimeout(resolve, 350))
  await ask()
  t.equal(context.upstream.calls.length, 3, 'after the cooldown one request probes the provider again')
})

t.test('the ollama client streams a fallback answer over a real listener', async (t) => {
  const { url, app, upstream } = await listenTestApp(t, { UPSTREAM_RETRY_BASE_MS: '5' })
  app.providers.addAlias({ name: 'thinker', target: 'openai/fake-flaky-500-9', fallbacks: ['openai/fake-reasoning'], origin: 'config' })
  const client = new Ollama({ host: url })
  let thinking = ''
  let content = ''
  for await (const part of await client.chat({ model: 'thinker', messages: hello, stream: true })) {
    thinking += part.message.thinking ?? ''
    content += part.message.content
  }
  t.equal(thinking, 'Let me think. Done thinking.')
  t.equal(content, 'The answer is 4.')
  t.equal(upstream.calls.filter((call) => call.body.model === 'fake-flaky-500-9').length, 3)
})
