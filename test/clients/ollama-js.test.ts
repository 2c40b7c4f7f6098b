import t from 'tap'
import { Ollama } from 'ollama'
import { listenTestApp } from '../helpers/build-app.js'

async function client (t: Parameters<typeof listenTestApp>[0]) {
  const context = await listenTestApp(t)
  return { ...context, ollama: new Ollama({ host: context.url }) }
}

t.test('list, show and version', async (t) => {
  const { ollama } = await client(t)
  const { models } = await ollama.list()
  t.ok(models.some((model) => model.name === 'openai/gpt-4o:latest'))
  const shown = await ollama.show({ model: 'openai/gpt-4o' })
  t.same(shown.capabilities, ['completion', 'tools', 'vision'])
  t.equal(shown.model_info.get?.('general.architecture') ?? (shown.model_info as unknown as Record<string, unknown>)['general.architecture'], 'gpt')
  t.match((await ollama.version()).version, /^\d+\.\d+\.\d+$/)
})

t.test('chat, not streamed and streamed', async (t) => {
  const { ollama } = await client(t)
  const single = await ollama.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }] })
  t.equal(single.message.content, 'Hello world!')
  t.equal(single.done_reason, 'stop')
  t.equal(single.eval_count, 3)

  const parts: string[] = []
  let final
  for await (const part of await ollama.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }], stream: true })) {
    parts.push(part.message.content)
    if (part.done) final = part
  }
  t.equal(parts.join(''), 'Hello world!')
  t.match(final, { done: true, done_reason: 'stop', prompt_eval_count: 12 })
})

t.test('a tool round trip', async (t) => {
  const { ollama, upstream } = await client(t)
  const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }]
  const first = await ollama.chat({ model: 'openai/fake-tools', messages: [{ role: 'user', content: 'Weather in Tokyo?' }], tools })
  const calls = first.message.tool_calls ?? []
  t.equal(calls.length, 2)
  t.same(calls[0]!.function.arguments, { city: 'Tokyo' })
  await ollama.chat({
    model: 'openai/fake-text',
    tools,
    messages: [
      { role: 'user', content: 'Weather in Tokyo?' },
      first.message,
      { role: 'tool', content: 'sunny', tool_name: 'get_weather' },
      { role: 'tool', content: '12:00', tool_name: 'get_time' }
    ]
  })
  const sent = upstream.calls[1]!.body.messages as Array<Record<string, any>> // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
  const ids = sent[1]!.tool_calls.map((call: { id: string }) => call.id)
  t.same([sent[2]!.tool_call_id, sent[3]!.tool_call_id], ids, 'results name the calls they answer')
  t.same(upstream.calls[0]!.body.tools, tools)
})

t.test('generate, streamed and not, with thinking', async (t) => {
  const { ollama } = await client(t)
  const single = await ollama.generate({ model: 'openai/fake-reasoning', prompt: '2+2?' })
  t.equal(single.response, 'The answer is 4.')
  t.equal(single.thinking, 'Let me think. Done thinking.')
  const parts: string[] = []
  for await (const part of await ollama.generate({ model: 'openai/fake-text', prompt: 'Hi', stream: true })) parts.push(part.response ?? '')
  t.equal(parts.join(''), 'Hello world!')
})

t.test('errors reach the client as ResponseError with Ollama\'s status', async (t) => {
  const { ollama } = await client(t)
  const chatError = await ollama.chat({ model: 'openai/nope', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error)
  t.match(chatError, { name: 'ResponseError', status_code: 404, error: "model 'openai/nope' not found" })
  const showError = await ollama.show({ model: 'nosuchprovider/nope' }).catch((error: unknown) => error)
  t.match(showError, { status_code: 404 }, 'an unknown provider: no model to show')
  await t.rejects(async () => {
    for await (const part of await ollama.chat({ model: 'openai/fake-error-event', messages: [{ role: 'user', content: 'x' }], stream: true })) void part
  }, { message: 'upstream overloaded' }, 'a mid-stream error line is thrown by the client')
})
