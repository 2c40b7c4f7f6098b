import t from 'tap'
import OpenAI from 'openai'
import type { ResponseInputItem, ResponseOutputItem, Tool } from 'openai/resources/responses/responses'
import { compress, init as initZstd } from '@bokuweb/zstd-wasm'
import { listenTestApp, TEST_API_KEY } from '../helpers/build-app.js'
import { ANTHROPIC_FAKE_MODELS, FAKE_SIGNATURE, startFakeAnthropic } from '../helpers/fake-anthropic.js'
import { FAKE_THOUGHT_SIGNATURE, GEMINI_FAKE_MODELS, startFakeGemini } from '../helpers/fake-gemini.js'
import { startFakeOllama } from '../helpers/fake-ollama.js'
import { AFTER_TOOLS_TEXT, startFakeUpstream } from '../helpers/fake-upstream.js'

// What Codex sends: long instructions, a developer message and the environment before the prompt,
// flat function tools, reasoning with a summary, nothing stored, encrypted reasoning asked back.
const INSTRUCTIONS = 'You are Codex, a coding agent. Use the tools to inspect the workspace.'
const TOOLS: Tool[] = [
  { type: 'function', name: 'shell', description: 'Runs a shell command and returns its output.', strict: false, parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } }, workdir: { type: 'string' } }, required: ['command'], additionalProperties: false } },
  { type: 'function', name: 'get_weather', description: 'Weather', strict: false, parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } },
  { type: 'function', name: 'get_time', description: 'Time', strict: false, parameters: { type: 'object', properties: {}, additionalProperties: false } }
]
const OPENING: ResponseInputItem[] = [
  { type: 'message', role: 'developer', content: [{ type: 'input_text', text: '<permissions instructions>Sandbox: workspace-write.</permissions instructions>' }] },
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context><cwd>/work</cwd></environment_context>' }] },
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather and time in Tokyo?' }] }
]

function codexTurn (model: string, input: ResponseInputItem[]) {
  return {
    model,
    instructions: INSTRUCTIONS,
    input,
    tools: TOOLS,
    tool_choice: 'auto' as const,
    parallel_tool_calls: false,
    reasoning: { effort: 'high' as const, summary: 'auto' as const },
    store: false,
    include: ['reasoning.encrypted_content' as const],
    prompt_cache_key: '0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
  }
}

/** Output items as Codex sends them back: without the item ids and statuses it never serialises. */
function replayed (output: ResponseOutputItem[]): ResponseInputItem[] {
  return output.map((item) => {
    const { id: _id, status: _status, ...rest } = item as ResponseOutputItem & { id?: string, status?: string }
    return rest as unknown as ResponseInputItem
  })
}

// The encoder's wasm module is set up once per process: a second init breaks the first's compressor.
await initZstd()

async function setup (t: Parameters<typeof listenTestApp>[0]) {
  const deepseek = await startFakeUpstream()
  const anthropic = await startFakeAnthropic()
  const gemini = await startFakeGemini()
  const ollama = await startFakeOllama()
  t.teardown(async () => {
    await deepseek.close()
    await anthropic.close()
    await gemini.close()
    await ollama.close()
  })
  const { url } = await listenTestApp(t, {
    DEEPSEEK_API_KEY: TEST_API_KEY,
    DEEPSEEK_BASE_URL: deepseek.url,
    DEEPSEEK_MODELS: 'fake-reasoning-tools,fake-tools,fake-text',
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_MODELS: ANTHROPIC_FAKE_MODELS.join(','),
    GEMINI_API_KEY: 'gemini-test-key',
    GEMINI_BASE_URL: gemini.url,
    GEMINI_MODELS: GEMINI_FAKE_MODELS.join(','),
    OLLAMA_UPSTREAM_URL: ollama.url + '/'
  })
  // Codex compresses every request body with zstd; the SDK's own requests, compressed on the way out.
  const openai = new OpenAI({
    baseURL: `${url}/v1`,
    apiKey: 'ollama',
    maxRetries: 0,
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers)
      headers.set('content-encoding', 'zstd')
      return await fetch(input, { ...init, headers, body: compress(Buffer.from(String(init?.body)), 3) })
    }
  })
  return { openai, deepseek, anthropic, gemini, ollama }
}

async function answer (openai: OpenAI, body: ReturnType<typeof codexTurn>, stream: boolean) {
  if (stream) return await openai.responses.stream(body).finalResponse()
  return await openai.responses.create(body)
}

const calls = (output: ResponseOutputItem[]) => output.flatMap((item) => item.type === 'function_call' ? [item] : [])
const outputs = (output: ResponseOutputItem[], results: Record<string, string>): ResponseInputItem[] =>
  calls(output).map((call) => ({ type: 'function_call_output', call_id: call.call_id, output: results[call.name] ?? '' }))

for (const stream of [false, true]) {
  const how = stream ? 'streamed' : 'not streamed'

  t.test(`a Codex tool loop with thinking through an OpenAI-compatible provider (DeepSeek), ${how}`, async (t) => {
    const { openai, deepseek } = await setup(t)
    const first = await answer(openai, codexTurn('deepseek/fake-reasoning-tools', OPENING), stream)
    t.same(first.output.map((item) => item.type), ['reasoning', 'function_call'])
    t.match(first.output[0], { type: 'reasoning', summary: [{ type: 'summary_text', text: 'I need the weather tool.' }], encrypted_content: /^oadp1\./ })
    t.match(calls(first.output), [{ type: 'function_call', status: 'completed', name: 'get_weather', arguments: '{"city":"Tokyo"}', call_id: /^call_[a-z0-9]{8}$/ }])
    t.match(deepseek.calls[0]!.body, {
      messages: [
        { role: 'system', content: INSTRUCTIONS },
        { role: 'system', content: '<permissions instructions>Sandbox: workspace-write.</permissions instructions>' },
        { role: 'user', content: '<environment_context><cwd>/work</cwd></environment_context>' },
        { role: 'user', content: 'Weather and time in Tokyo?' }
      ],
      tools: [{ type: 'function', function: { name: 'shell' } }, { type: 'function', function: { name: 'get_weather' } }, { type: 'function', function: { name: 'get_time' } }],
      thinking: { type: 'enabled' },
      reasoning_effort: 'high'
    })

    const second = await answer(openai, codexTurn('deepseek/fake-tools', [...OPENING, ...replayed(first.output), ...outputs(first.output, { get_weather: 'sunny' })]), stream)
    t.equal(second.status, 'completed')
    t.match(second.output.at(-1), { type: 'message', content: [{ type: 'output_text', text: AFTER_TOOLS_TEXT }] })
    const callId = calls(first.output)[0]!.call_id
    t.same((deepseek.calls[1]!.body.messages as unknown[]).slice(-2), [
      { role: 'assistant', content: null, reasoning_content: 'I need the weather tool.', tool_calls: [{ id: callId, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } }] },
      { role: 'tool', content: 'sunny', tool_call_id: callId }
    ], 'the reasoning goes back with the call, as DeepSeek requires in a tool loop')
  })

  t.test(`a Codex tool loop with thinking through Anthropic, ${how}`, async (t) => {
    const { openai, anthropic } = await setup(t)
    const first = await answer(openai, codexTurn('anthropic/fake-thinking-tools', OPENING), stream)
    t.same(first.output.map((item) => item.type), ['reasoning', 'function_call'])
    t.match(first.output[0], { summary: [{ type: 'summary_text', text: 'I should call the weather tool.' }], encrypted_content: /^oadp1\./ })
    t.match(calls(first.output), [{ name: 'get_weather', arguments: '{"city":"Tokyo"}' }])
    t.match(anthropic.calls[0]!.body, {
      system: `${INSTRUCTIONS}\n\n<permissions instructions>Sandbox: workspace-write.</permissions instructions>`,
      tools: [{ name: 'shell' }, { name: 'get_weather' }, { name: 'get_time' }],
      thinking: { type: 'enabled' }
    })

    const second = await answer(openai, codexTurn('anthropic/fake-text', [...OPENING, ...replayed(first.output), ...outputs(first.output, { get_weather: 'sunny' })]), stream)
    t.match(second.output.at(-1), { type: 'message', content: [{ text: 'Hello world!' }] })
    const callId = calls(first.output)[0]!.call_id
    const sent = anthropic.calls[1]!.body.messages as Array<{ role: string, content: unknown }>
    t.same(sent.at(-2), {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'I should call the weather tool.', signature: FAKE_SIGNATURE },
        { type: 'tool_use', id: callId, name: 'get_weather', input: { city: 'Tokyo' } }
      ]
    }, 'the signed thinking block goes back before the tool_use it led to')
    t.same(sent.at(-1), { role: 'user', content: [{ type: 'tool_result', tool_use_id: callId, content: 'sunny' }] })
  })

  t.test(`a Codex tool loop through Gemini: the thought signature rides in encrypted_content, ${how}`, async (t) => {
    const { openai, gemini } = await setup(t)
    const first = await answer(openai, codexTurn('gemini/fake-tools', OPENING), stream)
    t.same(first.output.map((item) => item.type), ['reasoning', 'function_call', 'function_call'], 'a reasoning item carries the signed call\'s state')
    t.match(first.output[0], { type: 'reasoning', summary: [], encrypted_content: /^oadp1\./ })
    t.match(calls(first.output), [{ name: 'get_weather', arguments: '{"city":"Tokyo"}' }, { name: 'get_time', arguments: '{}' }])
    t.match(gemini.calls[0]!.body, { systemInstruction: { parts: [{ text: `${INSTRUCTIONS}\n\n<permissions instructions>Sandbox: workspace-write.</permissions instructions>` }] }, generationConfig: { thinkingConfig: { includeThoughts: true, thinkingLevel: 'high' } } })

    await answer(openai, codexTurn('gemini/fake-text', [...OPENING, ...replayed(first.output), ...outputs(first.output, { get_weather: 'sunny', get_time: '12:00' })]), stream)
    const contents = gemini.calls[1]!.body.contents as unknown[]
    t.same(contents.slice(-2), [
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Tokyo' } }, thoughtSignature: FAKE_THOUGHT_SIGNATURE }, { functionCall: { name: 'get_time', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { name: 'get_weather', content: 'sunny' } } }, { functionResponse: { name: 'get_time', response: { name: 'get_time', content: '12:00' } } }] }
    ])
  })
}

t.test('a Codex tool loop through another Ollama, on its native /api/chat', async (t) => {
  const { openai, ollama } = await setup(t)
  const first = await answer(openai, codexTurn('ollama/qwen3:8b', OPENING), true)
  t.match(calls(first.output), [{ name: 'get_weather', arguments: '{"city":"Tokyo"}', call_id: /^call_/ }])
  t.match(ollama.calls.at(-1)!.body, { model: 'qwen3:8b', think: 'high', messages: [{ role: 'system', content: INSTRUCTIONS }] })
  await answer(openai, codexTurn('ollama/qwen3:8b', [...OPENING, ...replayed(first.output), ...outputs(first.output, { get_weather: 'sunny' })]), false)
  const callId = calls(first.output)[0]!.call_id
  t.match((ollama.calls.at(-1)!.body.messages as unknown[]).slice(-2), [
    { role: 'assistant', tool_calls: [{ id: callId, function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }] },
    { role: 'tool', content: 'sunny', tool_call_id: callId }
  ])
})

t.test('a Gemini turn carried from another server process: the signature comes back from encrypted_content alone', async (t) => {
  const { openai, gemini } = await setup(t)
  // Items an earlier process answered (its call ids were never seen here): encrypted_content is
  // base64url of {"c":[["call_k3v9x2m1","CiQB0e2Kb0fakeThoughtSignature"]]}.
  const earlier: ResponseInputItem[] = [
    { type: 'reasoning', summary: [], encrypted_content: 'oadp1.eyJjIjpbWyJjYWxsX2szdjl4Mm0xIiwiQ2lRQjBlMktiMGZha2VUaG91Z2h0U2lnbmF0dXJlIl1dfQ' } as unknown as ResponseInputItem,
    { type: 'function_call', call_id: 'call_k3v9x2m1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
    { type: 'function_call_output', call_id: 'call_k3v9x2m1', output: 'rain' }
  ]
  await openai.responses.create(codexTurn('gemini/fake-text', [...OPENING, ...earlier]))
  t.same((gemini.calls[0]!.body.contents as unknown[]).slice(-2), [
    { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } }, thoughtSignature: FAKE_THOUGHT_SIGNATURE }] },
    { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { name: 'get_weather', content: 'rain' } } }] }
  ])

  // Another server's encrypted reasoning is not ours to read: ignored, and Gemini gets its documented placeholder.
  await openai.responses.create(codexTurn('gemini/fake-text', [...OPENING, { ...earlier[0]!, encrypted_content: 'gAAAAABoXk2fOpenAIEncryptedReasoning==' } as unknown as ResponseInputItem, ...earlier.slice(1)]))
  t.match((gemini.calls[1]!.body.contents as unknown[]).at(-2), { role: 'model', parts: [{ thoughtSignature: 'skip_thought_signature_validator' }] })

  // Ours, altered: refused before anything goes upstream.
  const tampered = await openai.responses.create(codexTurn('gemini/fake-text', [...OPENING, { ...earlier[0]!, encrypted_content: 'oadp1.eyJjIjoxfQ' } as unknown as ResponseInputItem, ...earlier.slice(1)])).catch((error: unknown) => error)
  t.match(tampered, { status: 400, error: { message: 'input[3].encrypted_content is not valid reasoning state from this server', type: 'invalid_request_error' } })
  t.equal(gemini.calls.length, 2)
})

t.test('Anthropic thinking carried from another process: thinking and signature come back from encrypted_content', async (t) => {
  const { openai, anthropic } = await setup(t)
  // base64url of {"t":"I should call the weather tool.","s":"EqQBCkgIARABGAIiQL2signature"}
  const earlier: ResponseInputItem[] = [
    { type: 'reasoning', summary: [{ type: 'summary_text', text: 'I should call the weather tool.' }], encrypted_content: 'oadp1.eyJ0IjoiSSBzaG91bGQgY2FsbCB0aGUgd2VhdGhlciB0b29sLiIsInMiOiJFcVFCQ2tnSUFSQUJHQUlpUUwyc2lnbmF0dXJlIn0' } as unknown as ResponseInputItem,
    { type: 'function_call', call_id: 'toolu_earlier', name: 'get_weather', arguments: '{"city":"Oslo"}' },
    { type: 'function_call_output', call_id: 'toolu_earlier', output: 'rain' }
  ]
  const response = await openai.responses.create(codexTurn('anthropic/fake-thinking', [...OPENING, ...earlier]))
  t.equal(response.status, 'completed')
  t.same((anthropic.calls[0]!.body.messages as unknown[]).at(-2), {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'I should call the weather tool.', signature: FAKE_SIGNATURE },
      { type: 'tool_use', id: 'toolu_earlier', name: 'get_weather', input: { city: 'Oslo' } }
    ]
  })
  t.match(anthropic.calls[0]!.body, { thinking: { type: 'enabled' } }, 'thinking stays on: the signed block it needs is there')
})
