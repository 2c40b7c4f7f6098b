import t from 'tap'
import { buildTestApp, FAKE_MODELS, parseNdjson } from '../helpers/build-app.js'
import { FIM_PIECES } from '../helpers/fake-upstream.js'
import { registerShapedProviders } from '../helpers/shaped-providers.js'

const hello = [{ role: 'user', content: 'Hello' }]
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk'
const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }]

async function shapedApp (t: Parameters<typeof buildTestApp>[0]) {
  const context = await buildTestApp(t, { OPENAI_MODELS: [...FAKE_MODELS, 'fake-json', 'notools=completion+vision', 'seer=completion+tools+vision+thinking'].join(',') })
  registerShapedProviders(context.app, context.upstream.url)
  return context
}

t.test('unsupported capabilities and bad input answer Ollama\'s errors, and nothing goes upstream', async (t) => {
  const { app, upstream } = await shapedApp(t)
  const cases: Array<[string, string, unknown, number, string]> = [
    ['tools on a model without tools', '/api/chat', { model: 'fake-deepseek/plain', messages: hello, tools }, 400, 'fake-deepseek/plain:latest does not support tools'],
    ['tools on a *_MODELS entry without tools', '/api/chat', { model: 'openai/notools', messages: hello, tools }, 400, 'openai/notools:latest does not support tools'],
    ['think on a model without thinking', '/api/chat', { model: 'fake-dashscope/plain', messages: hello, think: 'low' }, 400, '"fake-dashscope/plain" does not support thinking'],
    ['chat images on a model without vision', '/api/chat', { model: 'fake-deepseek/plain', messages: [{ role: 'user', content: 'see', images: [PNG] }] }, 400, 'fake-deepseek/plain:latest does not support vision'],
    ['generate images on a model without vision', '/api/generate', { model: 'openai/fake-text', prompt: 'see', images: [PNG] }, 400, 'openai/fake-text:latest does not support vision'],
    ['a data: URL instead of bare base64', '/api/chat', { model: 'openai/seer', messages: [{ role: 'user', content: 'see', images: [`data:image/png;base64,${PNG}`] }] }, 400, 'illegal base64 data at input byte 4'],
    ['bad base64 is found before the model', '/api/generate', { model: 'nowhere/x', prompt: 'see', images: ['QUJ'] }, 400, 'illegal base64 data at input byte 0'],
    ['suffix on a model without insert', '/api/generate', { model: 'openai/fake-text', prompt: 'a', suffix: 'b' }, 400, 'openai/fake-text:latest does not support insert'],
    ['wrong-typed option', '/api/chat', { model: 'openai/fake-text', messages: hello, options: { temperature: 'warm' } }, 500, 'option "temperature" must be of type float32'],
    ['wrong-typed ignored option', '/api/generate', { model: 'openai/fake-text', prompt: 'x', options: { num_ctx: '8k' } }, 500, 'option "num_ctx" must be of type integer'],
    ['stop not an array of strings', '/api/chat', { model: 'openai/fake-text', messages: hello, options: { stop: [1] } }, 500, 'option "stop" must be of an array of strings']
  ]
  for (const [name, url, payload, status, message] of cases) {
    const response = await app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> })
    t.equal(response.statusCode, status, `${name}: status`)
    t.same(response.json(), { error: message }, `${name}: body`)
  }
  t.equal(upstream.calls.length, 0)
})

t.test('think false is sent explicitly to providers that think by default', async (t) => {
  const { app, upstream } = await shapedApp(t)
  for (const provider of ['fake-deepseek', 'fake-dashscope']) {
    const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: `${provider}/fake-text`, messages: hello, think: false, stream: false } })
    t.equal(response.statusCode, 200)
  }
  t.same(upstream.calls[0]!.body.thinking, { type: 'disabled' })
  t.equal(upstream.calls[1]!.body.enable_thinking, false)
  t.equal((await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'fake-deepseek/plain', messages: hello, think: false, stream: false } })).statusCode, 200, 'false is fine without thinking')
})

t.test('thinking levels reach each switch; reasoning streams as message.thinking and generate thinking', async (t) => {
  const { app, upstream } = await shapedApp(t)
  const lines = parseNdjson((await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'fake-deepseek/fake-reasoning', messages: hello, think: 'max' } })).body)
  t.match(upstream.calls[0]!.body, { thinking: { type: 'enabled' }, reasoning_effort: 'max' })
  t.same(lines.slice(0, 2).map((line) => line.message), [
    { role: 'assistant', content: '', thinking: 'Let me think. ' },
    { role: 'assistant', content: '', thinking: 'Done thinking.' }
  ])
  t.same(lines[2]!.message, { role: 'assistant', content: 'The answer is 4.' }, 'no thinking key on content chunks')
  const generated = parseNdjson((await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'fake-dashscope/fake-reasoning', prompt: '2+2?', think: 'low' } })).body)
  t.match(upstream.calls[1]!.body, { enable_thinking: true, thinking_budget: 2048 })
  t.same(generated[0], { ...generated[0], response: '', thinking: 'Let me think. ', done: false })
  t.notOk('thinking' in generated[2]!)
})

t.test('thinking sent back in history: forwarded to DeepSeek, dropped for DashScope', async (t) => {
  const { app, upstream } = await shapedApp(t)
  const messages = [...hello, { role: 'assistant', content: 'Hi!', thinking: 'be nice' }, { role: 'user', content: 'Again' }]
  for (const provider of ['fake-deepseek', 'fake-dashscope']) {
    await app.inject({ method: 'POST', url: '/api/chat', payload: { model: `${provider}/fake-text`, messages, stream: false } })
  }
  t.same((upstream.calls[0]!.body.messages as unknown[])[1], { role: 'assistant', content: 'Hi!', reasoning_content: 'be nice' })
  t.same((upstream.calls[1]!.body.messages as unknown[])[1], { role: 'assistant', content: 'Hi!' })
})

t.test('structured output: the schema by each provider\'s means, the answer unaltered', async (t) => {
  const { app, upstream } = await shapedApp(t)
  const schema = { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] }
  const deepSeek = (await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'fake-deepseek/fake-json', messages: hello, format: schema, stream: false } })).json()
  t.equal(deepSeek.message.content, '{"age": 42 }', 'not reformatted')
  t.same(upstream.calls[0]!.body.response_format, { type: 'json_object' })
  t.match((upstream.calls[0]!.body.messages as Array<{ content: string }>)[0], { role: 'system', content: /JSON schema: \{"type":"object"/ })
  await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-json', messages: hello, format: schema, stream: false } })
  t.same(upstream.calls[1]!.body.response_format, { type: 'json_schema', json_schema: { name: 'response', schema } })
  t.same(upstream.calls[1]!.body.messages, hello, 'no instruction where json_schema exists')
  await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'fake-dashscope/fake-json', prompt: 'Age?', format: 'json', stream: false } })
  t.same(upstream.calls[2]!.body.messages, [{ role: 'system', content: 'Respond with JSON.' }, { role: 'user', content: 'Age?' }], 'the word json for JSON mode')
})

t.test('options map per provider: top_k and repeat_penalty only where accepted', async (t) => {
  const { app, upstream } = await shapedApp(t)
  const options = { temperature: 0.4, top_k: 30, repeat_penalty: 1.15, num_predict: 20, num_ctx: 4096 }
  for (const provider of ['fake-dashscope', 'fake-deepseek']) {
    await app.inject({ method: 'POST', url: '/api/chat', payload: { model: `${provider}/fake-text`, messages: hello, options, stream: false } })
  }
  t.match(upstream.calls[0]!.body, { temperature: 0.4, top_k: 30, repetition_penalty: 1.15, max_tokens: 20 })
  t.match(upstream.calls[1]!.body, { temperature: 0.4, max_tokens: 20 })
  for (const key of ['top_k', 'repetition_penalty', 'num_ctx']) t.notOk(key in upstream.calls[1]!.body, `${key} not sent to DeepSeek`)
})

t.test('whole tool calls amid text (Mistral shape): text streams, calls come whole, done_reason stop', async (t) => {
  const { app } = await shapedApp(t)
  const lines = parseNdjson((await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'fake-deepseek/fake-tools-whole', messages: hello, tools } })).body)
  t.same(lines.slice(0, 2).map((line) => (line.message as { content: string }).content), ['Let me check. ', 'One moment.'])
  const calls = lines.flatMap((line) => (line.message as { tool_calls?: unknown[] }).tool_calls ?? [])
  t.match(calls, [
    { id: /^call_[a-z0-9]{8}$/, function: { index: 0, name: 'get_weather', arguments: { city: 'Tokyo' } } },
    { id: /^call_[a-z0-9]{8}$/, function: { index: 1, name: 'get_time', arguments: { zone: 'JST' } } }
  ])
  for (const line of lines.filter((line) => (line.message as { tool_calls?: unknown[] }).tool_calls !== undefined)) {
    t.equal(line.done, false, 'calls arrive in done:false chunks')
    t.equal((line.message as { content: string }).content, '')
  }
  t.match(lines.at(-1), { done: true, done_reason: 'stop', eval_count: 3 })
})

t.test('generate suffix: fill-in-the-middle on each provider\'s completions endpoint', async (t) => {
  const { app, upstream } = await shapedApp(t)
  const payload = { prompt: 'def add(a, b):\n', suffix: '\n\nprint(add(1, 2))', options: { num_predict: 16 } }
  const lines = parseNdjson((await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'fake-deepseek/fake-text', ...payload } })).body)
  t.same(lines.slice(0, -1).map((line) => line.response), FIM_PIECES)
  t.match(lines.at(-1), { response: '', done: true, done_reason: 'stop', prompt_eval_count: 12 })
  t.equal(upstream.calls[0]!.path, '/v1/beta/completions')
  t.match(upstream.calls[0]!.body, { model: 'fake-text', prompt: payload.prompt, suffix: payload.suffix, stream: true, max_tokens: 16 })
  const single = (await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'fake-dashscope/fake-text', ...payload, stream: false } })).json()
  t.equal(single.response, FIM_PIECES.join(''))
  t.equal(upstream.calls[1]!.path, '/v1/completions')
  t.equal(upstream.calls[1]!.body.prompt, `<|fim_prefix|>${payload.prompt}<|fim_suffix|>${payload.suffix}<|fim_middle|>`)
})

t.test('generate accepts raw and template (context: test/clients/generate-context.test.ts)', async (t) => {
  const { app, upstream } = await shapedApp(t)
  const response = await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'openai/fake-text', prompt: 'x', raw: true, stream: false } })
  t.equal(response.statusCode, 200)
  t.same(upstream.calls[0]!.body.messages, [{ role: 'user', content: 'x' }])
  const templated = await app.inject({ method: 'POST', url: '/api/generate', payload: { model: 'openai/fake-text', prompt: 'x', template: '{{ .Prompt }}', stream: false } })
  t.equal(templated.statusCode, 200)
  t.same(upstream.calls[1]!.body.messages, [{ role: 'user', content: 'x' }])
})
