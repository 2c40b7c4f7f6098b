import t from 'tap'
import { Ollama, type ChatResponse, type Message } from 'ollama'
import { FAKE_MODELS, listenTestApp } from '../helpers/build-app.js'
import { AFTER_TOOLS_TEXT, FIM_PIECES } from '../helpers/fake-upstream.js'
import { registerShapedProviders } from '../helpers/shaped-providers.js'

type Teardown = Parameters<typeof listenTestApp>[0]

async function client (t: Teardown) {
  const context = await listenTestApp(t, { OPENAI_MODELS: [...FAKE_MODELS, 'fake-json', 'fake-reasoning-vision=completion+tools+vision+thinking'].join(',') })
  registerShapedProviders(context.app, context.upstream.url)
  return { ...context, ollama: new Ollama({ host: context.url }) }
}

const tools = [{
  type: 'function',
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }
}]

/** One chat turn, folded the way an agent reads a streamed answer, or taken whole. */
async function turn (ollama: Ollama, model: string, messages: Message[], stream: boolean): Promise<{ message: ChatResponse['message'], doneReason: string }> {
  if (!stream) {
    const answer = await ollama.chat({ model, messages, tools })
    return { message: answer.message, doneReason: answer.done_reason }
  }
  const folded: Message = { role: 'assistant', content: '' }
  let doneReason = ''
  for await (const part of await ollama.chat({ model, messages, tools, stream: true })) {
    folded.content += part.message.content
    if (part.message.tool_calls !== undefined) folded.tool_calls = [...(folded.tool_calls ?? []), ...part.message.tool_calls]
    if (part.done) doneReason = part.done_reason
  }
  return { message: folded, doneReason }
}

for (const model of ['openai/fake-tools', 'fake-deepseek/fake-tools', 'fake-dashscope/fake-tools']) {
  for (const stream of [false, true]) {
    t.test(`a full tool loop through ${model}, stream ${stream}`, async (t) => {
      const { ollama, upstream } = await client(t)
      const question: Message = { role: 'user', content: 'Weather in Tokyo?' }
      const { message: first, doneReason } = await turn(ollama, model, [question], stream)
      t.equal(doneReason, 'stop', 'a tool-call turn still ends with stop')
      const calls = first.tool_calls ?? []
      t.equal(calls.length, 2)
      t.same(calls.map((call) => [call.function.name, call.function.arguments]), [['get_weather', { city: 'Tokyo' }], ['get_time', {}]])
      t.same(calls.map((call) => (call.function as { index?: number }).index), [0, 1])
      for (const call of calls) {
        t.match((call as { id?: string }).id, /^call_[a-z0-9]{8}$/)
        t.notOk('type' in call, 'no type on native tool calls')
      }
      const { message: final } = await turn(ollama, model, [
        question,
        first,
        { role: 'tool', content: 'sunny', tool_name: 'get_weather' },
        { role: 'tool', content: '12:00', tool_name: 'get_time' }
      ], stream)
      t.equal(final.content, AFTER_TOOLS_TEXT)
      t.notOk(final.tool_calls)

      t.equal(upstream.calls.length, 2)
      const [firstCall, secondCall] = upstream.calls
      t.same(firstCall!.body.tools, tools, 'tool definitions as sent')
      t.notOk('tool_choice' in firstCall!.body)
      const sent = secondCall!.body.messages as Array<Record<string, any>> // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
      t.same(sent.map((message) => message.role), ['user', 'assistant', 'tool', 'tool'])
      const sentCalls = sent[1]!.tool_calls as Array<{ id: string, type: string, function: { name: string, arguments: string } }>
      t.same(sentCalls.map((call) => [call.type, call.function.name, JSON.parse(call.function.arguments)]), [['function', 'get_weather', { city: 'Tokyo' }], ['function', 'get_time', {}]])
      t.same(sentCalls.map((call) => call.id), calls.map((call) => (call as { id?: string }).id), 'the ids the client got back go upstream')
      t.same([sent[2]!.tool_call_id, sent[3]!.tool_call_id], sentCalls.map((call) => call.id), 'results name the calls they answer')
      t.same([sent[2]!.content, sent[3]!.content], ['sunny', '12:00'])
      if (model.startsWith('fake-deepseek')) t.equal(sent[1]!.reasoning_content, '', 'DeepSeek gets reasoning back on tool turns')
      else t.notOk('reasoning_content' in sent[1]!)
    })
  }
}

t.test('thinking: levels upstream, thinking apart from content, streamed and not', async (t) => {
  const { ollama, upstream } = await client(t)
  const single = await ollama.chat({ model: 'fake-dashscope/fake-reasoning', messages: [{ role: 'user', content: '2+2?' }], think: 'high' })
  t.equal(single.message.thinking, 'Let me think. Done thinking.')
  t.equal(single.message.content, 'The answer is 4.')
  t.match(upstream.calls[0]!.body, { enable_thinking: true, thinking_budget: 16384 })
  const thinking: string[] = []
  const content: string[] = []
  for await (const part of await ollama.chat({ model: 'fake-deepseek/fake-reasoning', messages: [{ role: 'user', content: '2+2?' }], think: true, stream: true })) {
    if (part.message.thinking) thinking.push(part.message.thinking)
    content.push(part.message.content)
  }
  t.equal(thinking.join(''), 'Let me think. Done thinking.')
  t.equal(content.join(''), 'The answer is 4.')
  t.same(upstream.calls[1]!.body.thinking, { type: 'enabled' })
  const generated = await ollama.generate({ model: 'openai/fake-reasoning-vision', prompt: '2+2?', think: 'low' })
  t.equal(generated.thinking, 'Let me think. Done thinking.')
  t.equal(upstream.calls[2]!.body.reasoning_effort, 'low')
  const refused = await ollama.chat({ model: 'fake-deepseek/plain', messages: [{ role: 'user', content: 'x' }], think: true }).catch((error: unknown) => error)
  t.match(refused, { status_code: 400, error: '"fake-deepseek/plain" does not support thinking' })
})

t.test('structured output: a JSON schema answer parses, on json_schema and on the fallback', async (t) => {
  const { ollama, upstream } = await client(t)
  const format = { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] }
  for (const model of ['openai/fake-json', 'fake-deepseek/fake-json']) {
    const answer = await ollama.chat({ model, messages: [{ role: 'user', content: 'How old?' }], format })
    t.same(JSON.parse(answer.message.content), { age: 42 }, model)
  }
  t.equal((upstream.calls[0]!.body.response_format as { type: string }).type, 'json_schema')
  t.equal((upstream.calls[1]!.body.response_format as { type: string }).type, 'json_object')
})

t.test('an image round trip: bytes from the client reach the upstream as a data URL', async (t) => {
  const { ollama, upstream } = await client(t)
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk', 'base64')
  const answer = await ollama.chat({ model: 'fake-dashscope/fake-text', messages: [{ role: 'user', content: 'What is this?', images: [new Uint8Array(png)] }] })
  t.equal(answer.message.content, 'Hello world!')
  const parts = (upstream.calls[0]!.body.messages as Array<{ content: Array<{ type: string, image_url?: { url: string } }> }>)[0]!.content
  const url = parts[1]!.image_url!.url
  t.match(url, /^data:image\/png;base64,/)
  t.same(Buffer.from(url.split(',')[1]!, 'base64'), png, 'the same bytes')
  const refused = await ollama.generate({ model: 'fake-deepseek/plain', prompt: 'x', images: [new Uint8Array(png)] }).catch((error: unknown) => error)
  t.match(refused, { status_code: 400, error: 'fake-deepseek/plain:latest does not support vision' })
})

t.test('fill-in-the-middle with generate suffix, streamed and not', async (t) => {
  const { ollama, upstream } = await client(t)
  const single = await ollama.generate({ model: 'fake-deepseek/fake-text', prompt: 'def add(a, b):\n', suffix: '\nprint(add(1, 2))' })
  t.equal(single.response, FIM_PIECES.join(''))
  const parts: string[] = []
  for await (const part of await ollama.generate({ model: 'fake-dashscope/fake-text', prompt: 'def add(a, b):\n', suffix: '\nprint(add(1, 2))', stream: true })) parts.push(part.response ?? '')
  t.equal(parts.join(''), FIM_PIECES.join(''))
  t.same(upstream.calls.map((call) => call.path), ['/v1/beta/completions', '/v1/completions'])
  const refused = await ollama.generate({ model: 'openai/fake-text', prompt: 'a', suffix: 'b' }).catch((error: unknown) => error)
  t.match(refused, { status_code: 400, error: 'openai/fake-text:latest does not support insert' })
})

t.test('a model without tools refuses them with Ollama\'s error', async (t) => {
  const { ollama } = await client(t)
  const refused = await ollama.chat({ model: 'fake-dashscope/plain', messages: [{ role: 'user', content: 'x' }], tools }).catch((error: unknown) => error)
  t.match(refused, { name: 'ResponseError', status_code: 400, error: 'fake-dashscope/plain:latest does not support tools' })
})
