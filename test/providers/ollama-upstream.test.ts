import t from 'tap'
import { Ollama } from 'ollama'
import { listenTestApp } from '../helpers/build-app.js'
import { delay } from '../helpers/fake-server.js'
import { FAKE_TIMINGS, startFakeOllama } from '../helpers/fake-ollama.js'

async function client (t: Parameters<typeof listenTestApp>[0], env: Record<string, string> = {}) {
  const upstreamOllama = await startFakeOllama()
  t.teardown(() => upstreamOllama.close())
  const context = await listenTestApp(t, { OLLAMA_UPSTREAM_URL: upstreamOllama.url + '/', ...env })
  // The list is read in the background: start-up does not wait for it, the test does.
  await context.app.modelLists.settled()
  return { ...context, upstreamOllama, ollama: new Ollama({ host: context.url }) }
}

t.test('models come from the upstream /api/tags under ollama/', async (t) => {
  const { ollama, upstreamOllama } = await client(t)
  const names = (await ollama.list()).models.map((model) => model.name)
  for (const name of ['ollama/llama3.2:latest', 'ollama/qwen3:8b', 'ollama/nomic-embed-text:latest', 'ollama/hf.co/org/old-model:Q4_K_M']) t.ok(names.includes(name), name)
  t.ok(names.includes('openai/gpt-4o:latest'), 'beside the cloud models')
  const llama = (await ollama.list()).models.find((model) => model.name === 'ollama/llama3.2:latest')
  t.match(llama, {
    size: 2_019_393_189,
    digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
    details: { format: 'gguf', family: 'llama', parameter_size: '3.2B', quantization_level: 'Q4_K_M' }
  }, 'size, digest and quantisation as the server lists them')
  t.equal((llama as unknown as { modified_at: string }).modified_at, '2026-11-01T10:00:00.123456789+01:00')
  const shown = await ollama.show({ model: 'ollama/qwen3:8b' })
  t.same(shown.capabilities, ['completion', 'tools', 'thinking'])
  t.equal((shown.model_info as unknown as Record<string, unknown>)['qwen3.context_length'], 40_960)
  t.same((await ollama.show({ model: 'ollama/hf.co/org/old-model:Q4_K_M' })).capabilities, ['completion', 'tools', 'thinking', 'vision'], 'older servers list no capabilities: the upstream judges')
  t.equal(upstreamOllama.calls[0]!.url, '/api/tags')
  const embedError = await ollama.chat({ model: 'ollama/nomic-embed-text', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error)
  t.match(embedError, { status_code: 400, error: '"ollama/nomic-embed-text" does not support chat' })
})

t.test('chat passes through, streamed and not, with thinking, counts and the upstream timings', async (t) => {
  const { ollama, upstreamOllama } = await client(t)
  const single = await ollama.chat({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'Hi', images: ['iVBORw0KGgo='] }], options: { temperature: 0.3, num_predict: 20, stop: ['\n\n'], num_ctx: 8192, min_p: 0.05 }, format: 'json' })
  t.equal(single.model, 'ollama/llama3.2', 'the name as sent is echoed')
  t.equal(single.message.content, 'Hello from Ollama!')
  t.match(single, { done_reason: 'stop', prompt_eval_count: 26, eval_count: 7, load_duration: FAKE_TIMINGS.load_duration, prompt_eval_duration: FAKE_TIMINGS.prompt_eval_duration, eval_duration: FAKE_TIMINGS.eval_duration })
  t.same(upstreamOllama.calls[1]!.body, {
    model: 'llama3.2',
    messages: [{ role: 'user', content: 'Hi', images: ['iVBORw0KGgo='] }],
    stream: true,
    format: 'json',
    options: { temperature: 0.3, num_predict: 20, stop: ['\n\n'], num_ctx: 8192, min_p: 0.05 }
  }, 'options the cloud providers have no use for pass through')

  const thinking: string[] = []
  const content: string[] = []
  let final
  for await (const part of await ollama.chat({ model: 'ollama/qwen3:8b', messages: [{ role: 'user', content: '2+2?' }], think: true, stream: true })) {
    if (part.message.thinking) thinking.push(part.message.thinking)
    content.push(part.message.content)
    if (part.done) final = part
  }
  t.same(thinking, ['Let me think. ', 'Done thinking.'])
  t.equal(content.join(''), 'The answer is 4.')
  t.match(final, { done_reason: 'length', eval_count: 7, eval_duration: FAKE_TIMINGS.eval_duration })
  t.equal(upstreamOllama.calls[2]!.body.think, true)

  const generated = await ollama.generate({ model: 'ollama/qwen3:8b', prompt: '2+2?', system: 'Be exact.' })
  t.equal(generated.response, 'The answer is 4.')
  t.equal(generated.thinking, 'Let me think. Done thinking.')
  t.same(upstreamOllama.calls[3]!.body.messages, [{ role: 'system', content: 'Be exact.' }, { role: 'user', content: '2+2?' }])
})

t.test('fill-in-the-middle goes to the upstream /api/generate with its suffix', async (t) => {
  const { ollama, upstreamOllama } = await client(t)
  const answer = await ollama.generate({ model: 'ollama/qwen2.5-coder:1.5b', prompt: 'def add(', suffix: 'return c', options: { num_ctx: 2048 } })
  t.equal(answer.response, 'a, b):\n    c = a + b\n    ')
  t.match(answer, { done_reason: 'stop', eval_count: 7 })
  t.match(upstreamOllama.calls[1], { url: '/api/generate', body: { model: 'qwen2.5-coder:1.5b', prompt: 'def add(', suffix: 'return c', stream: true, options: { num_ctx: 2048 } } })
})

t.test('embeddings pass through to the upstream /api/embed', async (t) => {
  const { ollama, upstreamOllama } = await client(t)
  const answer = await ollama.embed({ model: 'ollama/nomic-embed-text', input: ['one', 'three'] })
  // The embed route L2-normalises, as Ollama's /api/embed does; a real Ollama's vectors already are, so nothing changes for them.
  const unit = (vector: number[]) => vector.map((value) => value / Math.hypot(...vector))
  const expected = [unit([0, 3, 0.5]), unit([1, 5, 0.5])]
  t.equal(answer.embeddings.length, 2)
  answer.embeddings.forEach((vector, index) => {
    t.ok(vector.every((value, position) => Math.abs(value - expected[index]![position]!) < 1e-12), `vector ${index} in input order`)
  })
  t.equal(answer.prompt_eval_count, 4)
  t.match(upstreamOllama.calls[1], { url: '/api/embed', body: { model: 'nomic-embed-text', input: ['one', 'three'] } })
})

t.test('a tool loop keeps the upstream ids', async (t) => {
  const { ollama, upstreamOllama } = await client(t)
  const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }]
  const first = await ollama.chat({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'Weather?' }], tools })
  t.same(first.message.tool_calls, [{ id: 'call_up7x2k9q', function: { index: 0, name: 'get_weather', arguments: { city: 'Tokyo' } } }])
  await ollama.chat({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'Weather?' }, first.message, { role: 'tool', content: 'sunny', tool_name: 'get_weather', tool_call_id: 'call_up7x2k9q' } as never] })
  t.same(upstreamOllama.calls[2]!.body.messages, [
    { role: 'user', content: 'Weather?' },
    { role: 'assistant', content: '', tool_calls: [{ id: 'call_up7x2k9q', function: { index: 0, name: 'get_weather', arguments: { city: 'Tokyo' } } }] },
    { role: 'tool', content: 'sunny', tool_name: 'get_weather', tool_call_id: 'call_up7x2k9q' }
  ])
  t.same(upstreamOllama.calls[1]!.body.tools, tools)
})

t.test('upstream errors: a 404 and an error line mid-stream', async (t) => {
  const { ollama, upstreamOllama } = await client(t, { OLLAMA_UPSTREAM_MODELS: 'gone-model' })
  const missing = await ollama.chat({ model: 'ollama/gone-model', messages: [{ role: 'user', content: 'x' }] }).catch((error: unknown) => error)
  t.match(missing, { status_code: 404, error: "model 'ollama/gone-model' not found" }, 'the provider\'s verdict, for the name as sent')
  t.match(upstreamOllama.calls.at(-1), { url: '/api/chat', body: { model: 'gone-model' } }, 'a configured model the server lacks is still asked for')
  const parts: string[] = []
  await t.rejects(async () => {
    for await (const part of await ollama.chat({ model: 'ollama/error-model', messages: [{ role: 'user', content: 'x' }], stream: true })) parts.push(part.message.content)
  }, { message: 'an error was encountered while running the model: unexpected EOF' })
  t.same(parts, ['Hello'])
})

// Its own app: after a client abandoned an errored stream, an aborted stream in the same app kept app.close() waiting (seen on the OpenAI path too).
t.test('the client going away closes the upstream stream', async (t) => {
  const { ollama, upstreamOllama } = await client(t)
  const stream = await ollama.chat({ model: 'ollama/slow-model', messages: [{ role: 'user', content: 'x' }], stream: true })
  for await (const part of stream) {
    if (part.message.content !== '') break
  }
  stream.abort()
  await upstreamOllama.waitForNoSockets(10_000)
  t.equal(upstreamOllama.calls.at(-1)!.aborted, true)
})

t.test('unprefixed names, and a refresh that picks up a newly pulled model', async (t) => {
  const { ollama, upstreamOllama } = await client(t, { OLLAMA_UPSTREAM_UNPREFIXED: 'true', OLLAMA_UPSTREAM_REFRESH_SECONDS: '0.05' })
  const names = (await ollama.list()).models.map((model) => model.name)
  t.ok(names.includes('llama3.2:latest'))
  t.notOk(names.includes('ollama/llama3.2:latest'))
  const answer = await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] })
  t.equal(answer.message.content, 'Hello from Ollama!')
  t.equal((await ollama.chat({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'Hi' }] })).model, 'ollama/llama3.2', 'the prefix still works')
  t.equal((await ollama.chat({ model: 'hf.co/org/old-model:Q4_K_M', messages: [{ role: 'user', content: 'Hi' }] })).message.content, 'Hello from Ollama!')

  upstreamOllama.tags.push({ name: 'mistral:latest', model: 'mistral:latest', details: { family: 'llama' }, capabilities: ['completion'] })
  const deadline = Date.now() + 10_000
  while (!(await ollama.list()).models.some((model) => model.name === 'mistral:latest')) {
    if (Date.now() > deadline) throw new Error('the new model never appeared')
    await delay(20)
  }
  t.pass('the refreshed list has the new model')
})

t.test('an unreachable upstream at boot leaves the provider with no models, not a failed start', async (t) => {
  const closed = await startFakeOllama()
  const url = closed.url
  await closed.close()
  const { app } = await listenTestApp(t, { OLLAMA_UPSTREAM_URL: url, OLLAMA_UPSTREAM_REFRESH_SECONDS: '0' })
  const response = await app.inject({ method: 'GET', url: '/api/tags' })
  t.notOk((response.json() as { models: Array<{ name: string }> }).models.some((model) => model.name.startsWith('ollama/')))
})
