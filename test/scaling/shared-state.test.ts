/**
 * Two replicas on one real Redis (REDIS_URL): user-defined models, Anthropic's signed thinking and the
 * /api/ps list are shared; every step goes over real HTTP with the ollama client.
 */
import t from 'tap'
import { Ollama, type Message } from 'ollama'
import { listenTestApp } from '../helpers/build-app.js'
import { ANTHROPIC_FAKE_MODELS, FAKE_SIGNATURE, startFakeAnthropic } from '../helpers/fake-anthropic.js'
import { sharedTestRedis, testKeyPrefix } from '../helpers/redis.js'

const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }]

async function twoReplicas (t: Parameters<typeof listenTestApp>[0], env: Record<string, string> = {}) {
  const shared = { REDIS_URL: await sharedTestRedis(t), REDIS_KEY_PREFIX: testKeyPrefix(), ...env }
  const a = await listenTestApp(t, shared)
  const b = await listenTestApp(t, shared)
  return { a, b, ollamaA: new Ollama({ host: a.url }), ollamaB: new Ollama({ host: b.url }) }
}

t.test('a model created through A answers on B at once, and is gone from B once deleted through A', async (t) => {
  const { ollamaA, ollamaB, b } = await twoReplicas(t)
  await ollamaA.create({ model: 'team-helper', from: 'openai/fake-text', system: 'You help the team.' })

  const answer = await ollamaB.chat({ model: 'team-helper', messages: [{ role: 'user', content: 'Hello' }] })
  t.ok(answer.message.content.length > 0, 'B answers with the model made on A')
  const sent = b.upstream.calls.at(-1)?.body as { messages: Array<{ role: string, content: string }> }
  t.same(sent.messages[0], { role: 'system', content: 'You help the team.' }, 'with the system prompt given to A')
  t.ok((await ollamaB.list()).models.some((model) => model.name === 'team-helper:latest'), 'listed by B')

  await ollamaA.copy({ source: 'team-helper', destination: 'team-helper-copy' })
  t.equal((await ollamaB.show({ model: 'team-helper-copy' })).system, 'You help the team.', 'a copy made on A is shown by B')

  await ollamaA.delete({ model: 'team-helper' })
  await t.rejects(ollamaB.chat({ model: 'team-helper', messages: [{ role: 'user', content: 'Hello' }] }), { name: 'ResponseError', status_code: 404 }, 'B no longer knows it')
  t.notOk((await ollamaB.list()).models.some((model) => model.name === 'team-helper:latest'), 'nor lists it')

  // B deletes what A copied: A sees that as well.
  await ollamaB.delete({ model: 'team-helper-copy' })
  await t.rejects(ollamaA.show({ model: 'team-helper-copy' }), { name: 'ResponseError', status_code: 404 })
})

t.test('a replica started later loads the models made before it', async (t) => {
  const prefix = testKeyPrefix()
  const url = await sharedTestRedis(t)
  const a = await listenTestApp(t, { REDIS_URL: url, REDIS_KEY_PREFIX: prefix })
  await new Ollama({ host: a.url }).create({ model: 'early-bird', from: 'openai/fake-text', system: 'Up early.' })
  const late = await listenTestApp(t, { REDIS_URL: url, REDIS_KEY_PREFIX: prefix })
  t.equal((await new Ollama({ host: late.url }).show({ model: 'early-bird' })).system, 'Up early.')
})

t.test('an Anthropic tool loop with thinking started on A continues on B with its signature', async (t) => {
  const anthropic = await startFakeAnthropic()
  t.teardown(() => anthropic.close())
  const { ollamaA, ollamaB } = await twoReplicas(t, { ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: anthropic.url, ANTHROPIC_MODELS: ANTHROPIC_FAKE_MODELS.join(',') })
  const history: Message[] = [{ role: 'user', content: 'Weather in Tokyo?' }]
  const first = await ollamaA.chat({ model: 'anthropic/fake-thinking-tools', messages: history, tools, think: true })
  const callId = (first.message.tool_calls?.[0] as { id?: string } | undefined)?.id
  t.ok(callId, 'A handed out a tool-call id')

  const second = await ollamaB.chat({ model: 'anthropic/fake-thinking-tools', tools, think: true, messages: [...history, first.message, { role: 'tool', content: 'sunny', tool_name: 'get_weather' }] })
  t.equal(second.message.content, 'Sunny in Tokyo.')
  const onB = anthropic.calls.at(-1)!.body
  t.same(onB.thinking, { type: 'enabled', budget_tokens: 8191 }, 'thinking stays on')
  t.same((onB.messages as Array<{ content: unknown[] }>)[1]!.content, [
    { type: 'thinking', thinking: 'I should call the weather tool.', signature: FAKE_SIGNATURE },
    { type: 'tool_use', id: callId, name: 'get_weather', input: { city: 'Tokyo' } }
  ], 'B sent the signed thinking A received')
})

t.test('/api/ps on B lists a model used through A', async (t) => {
  const { ollamaA, ollamaB } = await twoReplicas(t)
  t.same((await ollamaB.ps()).models, [])
  await ollamaA.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }], keep_alive: '10m' })
  const running = (await ollamaB.ps()).models
  t.equal(running.length, 1)
  t.equal(running[0]!.name, 'openai/fake-text:latest')
  t.ok(new Date(running[0]!.expires_at).getTime() > Date.now() + 9 * 60_000, 'with the keep_alive given on A')
})
