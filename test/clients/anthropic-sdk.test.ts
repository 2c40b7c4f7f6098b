/**
 * The real `@anthropic-ai/sdk` against `/v1/messages`, `/v1/messages/count_tokens` and `/v1/models`, with the
 * upstreams faked over real HTTP in their own wire formats: DeepSeek's (OpenAI-compatible), Anthropic's and Gemini's.
 */
import t, { type Test } from 'tap'
import Anthropic from '@anthropic-ai/sdk'
import type { MessageCreateParamsNonStreaming, Tool } from '@anthropic-ai/sdk/resources/messages'
import { request } from 'undici'
import { FAKE_MODELS, TEST_API_KEY } from '../helpers/build-app.js'
import { AFTER_TOOL_RESULT_TEXT, ANTHROPIC_FAKE_MODELS, COUNTED_INPUT_TOKENS, FAKE_SIGNATURE, startFakeAnthropic } from '../helpers/fake-anthropic.js'
import { FAKE_THOUGHT_SIGNATURE, GEMINI_AFTER_TOOLS_TEXT, GEMINI_COUNTED_TOKENS, GEMINI_FAKE_MODELS, startFakeGemini } from '../helpers/fake-gemini.js'
import { AFTER_TOOLS_TEXT } from '../helpers/fake-upstream.js'
import { listenProviderApp } from '../helpers/provider-app.js'

// A 1x1 PNG, as a client attaches a screenshot.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/** Claude Code's system prompt comes as text blocks marked for prompt caching. */
const SYSTEM = [
  { type: 'text' as const, text: 'You are Claude Code, Anthropic\'s official CLI for Claude.', cache_control: { type: 'ephemeral' as const } },
  { type: 'text' as const, text: 'You are an interactive CLI tool that helps users with software engineering tasks.', cache_control: { type: 'ephemeral' as const } }
]

const WEATHER_TOOL: Tool = { name: 'get_weather', description: 'Weather in a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }
/** Claude Code sends a dozen or more tools on every turn. */
const TOOLS: Tool[] = [
  WEATHER_TOOL,
  ...['Bash', 'Glob', 'Grep', 'LS', 'Read', 'Edit', 'MultiEdit', 'Write', 'NotebookEdit', 'WebFetch', 'TodoWrite', 'Task', 'ExitPlanMode', 'BashOutput'].map((name): Tool => ({
    name,
    description: `The ${name} tool`,
    input_schema: { type: 'object', properties: { argument: { type: 'string', description: `What ${name} works on` } }, required: ['argument'], additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' }
  }))
]

const QUESTION = { role: 'user' as const, content: [{ type: 'text' as const, text: '<system-reminder>Be careful.</system-reminder>' }, { type: 'text' as const, text: 'Weather in Tokyo?', cache_control: { type: 'ephemeral' as const } }] }

/** Sampling fields current SDK types no longer declare, which clients written for older ones still send. */
function withSampling (body: MessageCreateParamsNonStreaming, sampling: { temperature?: number, top_p?: number, top_k?: number }): MessageCreateParamsNonStreaming {
  return { ...body, ...sampling } as MessageCreateParamsNonStreaming
}

function claudeCodeTurn (model: string, messages: MessageCreateParamsNonStreaming['messages']): MessageCreateParamsNonStreaming {
  return withSampling({ model, max_tokens: 32_000, system: SYSTEM, tools: TOOLS, messages, thinking: { type: 'enabled', budget_tokens: 10_000 }, metadata: { user_id: 'user_abc_account__session_1' } }, { temperature: 1 })
}

const CLAUDE_CODE_HEADERS = { 'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14', 'x-app': 'cli' }

async function setup (t: Test, env: Record<string, string> = {}) {
  const anthropic = await startFakeAnthropic()
  t.teardown(() => anthropic.close())
  const gemini = await startFakeGemini()
  t.teardown(() => gemini.close())
  const context = await listenProviderApp(t, (origin) => ({
    DATA_DIR: t.testdir(),
    MAX_EVENT_LOOP_DELAY_MS: '0',
    OPENAI_API_KEY: TEST_API_KEY,
    OPENAI_BASE_URL: `${origin}/v1`,
    OPENAI_MODELS: FAKE_MODELS.join(','),
    DEEPSEEK_API_KEY: 'sk-deepseek-anthropic-sdk',
    DEEPSEEK_BASE_URL: `${origin}/deepseek`,
    DEEPSEEK_MODELS: 'fake-reasoning-tools,fake-text',
    ANTHROPIC_API_KEY: 'sk-ant-upstream-key',
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_MODELS: ANTHROPIC_FAKE_MODELS.join(','),
    GEMINI_API_KEY: 'gemini-upstream-key',
    GEMINI_BASE_URL: gemini.url,
    GEMINI_MODELS: GEMINI_FAKE_MODELS.join(','),
    ...env
  }))
  // The SDK's retries would hide error statuses behind several calls.
  const client = new Anthropic({ baseURL: context.url, apiKey: 'ollama', maxRetries: 0 })
  return { ...context, anthropic, gemini, client }
}

t.test('messages.create: a message object with Ollama\'s mapping and the real API\'s fields', async (t) => {
  const { client, upstream } = await setup(t)
  const message = await client.messages.create(withSampling({
    model: 'openai/fake-text',
    max_tokens: 256,
    system: 'Be brief.',
    messages: [{ role: 'user', content: 'Hello' }],
    stop_sequences: ['END']
  }, { temperature: 0.2, top_p: 0.9 }))
  t.match(message.id, /^msg_[0-9a-f]{24}$/)
  t.same({ ...message, id: '' }, {
    id: '',
    type: 'message',
    role: 'assistant',
    model: 'openai/fake-text',
    content: [{ type: 'text', text: 'Hello world!' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 3 }
  })
  t.match(upstream.calls[0]!.body, {
    model: 'fake-text',
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }],
    max_completion_tokens: 256,
    temperature: 0.2,
    top_p: 0.9,
    stop: ['END']
  }, 'max_tokens in the field OpenAI takes')
  t.not(upstream.calls[0]!.headers.authorization, 'Bearer ollama', 'the client\'s key never goes upstream')
  const other = await client.messages.create({ model: 'openai/fake-text', max_tokens: 16, messages: [{ role: 'user', content: 'Hello' }] })
  t.not(other.id, message.id, 'each answer has its own id')
  // Claude Code goes through the beta resource: the same routes, with `?beta=true` and an anthropic-beta header.
  const beta = await client.beta.messages.create({ model: 'openai/fake-text', max_tokens: 16, messages: [{ role: 'user', content: 'Hello' }], betas: ['interleaved-thinking-2025-05-14'] })
  t.same(beta.content, [{ type: 'text', text: 'Hello world!' }])
  t.ok((await client.beta.messages.countTokens({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }] })).input_tokens > 0)
})

t.test('messages.stream: Anthropic\'s event sequence, and finalMessage equals the single answer', async (t) => {
  const { client } = await setup(t)
  const stream = client.messages.stream({ model: 'anthropic/fake-thinking', max_tokens: 20_000, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: '2+2?' }] })
  const events: string[] = []
  let text = ''
  stream.on('text', (delta) => { text += delta })
  for await (const event of stream) events.push(event.type === 'content_block_delta' ? `${event.type}:${event.delta.type}` : event.type)
  const final = await stream.finalMessage()
  t.same(events, [
    'message_start',
    'content_block_start', 'content_block_delta:thinking_delta', 'content_block_delta:thinking_delta', 'content_block_delta:signature_delta', 'content_block_stop',
    'content_block_start', 'content_block_delta:text_delta', 'content_block_delta:text_delta', 'content_block_stop',
    'message_delta', 'message_stop'
  ])
  t.equal(text, 'The answer is 4.')
  t.same(final.content, [
    { type: 'thinking', thinking: 'Let me think. Done thinking.', signature: FAKE_SIGNATURE },
    { type: 'text', text: 'The answer is 4.' }
  ])
  t.equal(final.stop_reason, 'end_turn')
  t.same(final.usage, { input_tokens: 12, output_tokens: 9 }, 'message_delta carries the upstream\'s counts')

  const single = await client.messages.create({ model: 'anthropic/fake-thinking', max_tokens: 20_000, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: '2+2?' }] })
  // finalMessage adds fields of the SDK's own (parsed_output); the wire fields must agree.
  const wire = Object.fromEntries(Object.keys(single).map((key) => [key, (final as unknown as Record<string, unknown>)[key]]))
  t.same({ ...single, id: '' }, { ...wire, id: '' }, 'the fold holds what the stream held')
})

t.test('the raw stream: event lines name each frame, a ping follows message_start, no-cache', async (t) => {
  const { url } = await setup(t)
  const response = await request(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'openai/fake-text', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Hello' }] })
  })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'text/event-stream')
  t.equal(response.headers['cache-control'], 'no-cache')
  const frames = (await response.body.text()).split('\n\n').filter((frame) => frame !== '')
  for (const frame of frames) {
    const [eventLine, dataLine] = frame.split('\n')
    const data = JSON.parse(dataLine!.replace(/^data: /, '')) as { type: string }
    t.equal(eventLine, `event: ${data.type}`, 'the event name repeats the payload type')
  }
  t.match(frames[0], /^event: message_start\ndata: \{"type":"message_start","message":\{"id":"msg_[0-9a-f]{24}","type":"message","role":"assistant","model":"openai\/fake-text","content":\[\],"stop_reason":null,"stop_sequence":null,"usage":\{"input_tokens":\d+,"output_tokens":0\}\}\}$/)
  t.equal(frames[1], 'event: ping\ndata: {"type":"ping"}')
  t.equal(frames.at(-2), 'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":12,"output_tokens":3}}')
  t.equal(frames.at(-1), 'event: message_stop\ndata: {"type":"message_stop"}')
})

interface ProviderCase {
  readonly model: string
  readonly thinking: string
  readonly signature: string
  readonly answer: string
  readonly toolUseId: RegExp
  /** Checks what the upstream received on the second turn. */
  readonly checkSecondTurn: (t: Test, context: Awaited<ReturnType<typeof setup>>, toolUseId: string) => void
}

const PROVIDERS: ProviderCase[] = [
  {
    model: 'deepseek/fake-reasoning-tools',
    thinking: 'I need the weather tool.',
    signature: '',
    answer: AFTER_TOOLS_TEXT,
    toolUseId: /^call_up1$|^call_[a-z0-9]{8}$/,
    checkSecondTurn: (t, { upstream }, toolUseId) => {
      const body = upstream.calls.at(-1)!.body
      const messages = body.messages as Array<Record<string, unknown>>
      t.same(messages[0], { role: 'system', content: `${SYSTEM[0]!.text}\n\n${SYSTEM[1]!.text}` }, 'system blocks joined, cache hints dropped')
      t.same(messages[1], { role: 'user', content: '<system-reminder>Be careful.</system-reminder>\nWeather in Tokyo?' })
      t.match(messages[2], { role: 'assistant', reasoning_content: 'I need the weather tool.', tool_calls: [{ id: toolUseId, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } }] }, 'DeepSeek gets its reasoning back on the tool-call turn')
      t.same(messages[3], { role: 'tool', content: 'sunny, 24°C', tool_call_id: toolUseId })
      t.equal((body.tools as unknown[]).length, TOOLS.length)
      t.match(body.thinking, { type: 'enabled' }, 'Claude Code\'s thinking reaches DeepSeek\'s switch')
    }
  },
  {
    model: 'anthropic/fake-thinking-tools',
    thinking: 'I should call the weather tool.',
    signature: FAKE_SIGNATURE,
    answer: AFTER_TOOL_RESULT_TEXT,
    toolUseId: /^call_[a-z0-9]{8}$/,
    checkSecondTurn: (t, { anthropic }, toolUseId) => {
      const body = anthropic.calls.at(-1)!.body
      t.equal(body.system, `${SYSTEM[0]!.text}\n\n${SYSTEM[1]!.text}`)
      const messages = body.messages as Array<{ role: string, content: unknown }>
      t.same(messages[1], {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I should call the weather tool.', signature: FAKE_SIGNATURE },
          { type: 'tool_use', id: toolUseId, name: 'get_weather', input: { city: 'Tokyo' } }
        ]
      }, 'the signed thinking block goes back untouched, before its call')
      t.same(messages[2], { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUseId, content: 'sunny, 24°C' }] })
      t.same(body.thinking, { type: 'enabled', budget_tokens: 8192 }, 'budget_tokens 10,000 is the medium level')
      t.equal(body.max_tokens, 32_000, 'the model declares no smaller limit')
      t.equal((body.tools as unknown[]).length, TOOLS.length)
    }
  },
  {
    model: 'gemini/fake-thinking-tools',
    thinking: 'I need the weather tool.',
    signature: '',
    answer: GEMINI_AFTER_TOOLS_TEXT,
    toolUseId: /^call_[a-z0-9]{8}$/,
    checkSecondTurn: (t, { gemini }) => {
      const body = gemini.calls.at(-1)!.body
      t.same(body.systemInstruction, { parts: [{ text: `${SYSTEM[0]!.text}\n\n${SYSTEM[1]!.text}` }] })
      const contents = body.contents as Array<{ role: string, parts: unknown[] }>
      t.same(contents[1], { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Tokyo' } }, thoughtSignature: FAKE_THOUGHT_SIGNATURE }] }, 'Gemini\'s thought signature goes back with its call')
      t.same(contents[2], { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { name: 'get_weather', content: 'sunny, 24°C' } } }] })
      t.match(body.generationConfig, { thinkingConfig: { includeThoughts: true }, maxOutputTokens: 32_000 })
    }
  }
]

for (const provider of PROVIDERS) {
  for (const streamed of [false, true]) {
    t.test(`a Claude Code tool loop with thinking on ${provider.model}, ${streamed ? 'streamed' : 'not streamed'}`, async (t) => {
      const context = await setup(t)
      const { client } = context
      // A timeout of its own lets the SDK wait for a non-streamed answer with max_tokens this large.
      const ask = async (body: MessageCreateParamsNonStreaming) => streamed
        ? await client.messages.stream(body, { headers: CLAUDE_CODE_HEADERS }).finalMessage()
        : await client.messages.create(body, { headers: CLAUDE_CODE_HEADERS, timeout: 60_000 })

      const first = await ask(claudeCodeTurn(provider.model, [QUESTION]))
      t.equal(first.model, provider.model, 'the model as sent')
      t.equal(first.stop_reason, 'tool_use')
      t.equal(first.content.length, 2)
      t.same(first.content[0], { type: 'thinking', thinking: provider.thinking, signature: provider.signature })
      const toolUse = first.content[1]!
      if (toolUse.type !== 'tool_use') throw new Error(`expected a tool_use block, got ${toolUse.type}`)
      t.match(toolUse, { type: 'tool_use', name: 'get_weather', input: { city: 'Tokyo' } })
      t.match(toolUse.id, provider.toolUseId)

      const second = await ask(claudeCodeTurn(provider.model, [
        QUESTION,
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'sunny, 24°C' }] }
      ]))
      t.equal(second.stop_reason, 'end_turn')
      t.same(second.content.filter((block) => block.type === 'text'), [{ type: 'text', text: provider.answer }])
      provider.checkSecondTurn(t, context, toolUse.id)
    })
  }
}

t.test('max_tokens above what the model declares is its limit, not a provider 400', async (t) => {
  const { client, gemini } = await setup(t)
  // A catalogue model (the fake answers any name): its card declares the limit.
  await client.messages.create({ model: 'gemini/gemini-2.5-flash', max_tokens: 128_000, messages: [{ role: 'user', content: 'Hello' }] }, { timeout: 60_000 })
  t.equal((gemini.calls[0]!.body.generationConfig as { maxOutputTokens: number }).maxOutputTokens, 65_536, 'Gemini\'s card says 65,536')
})

t.test('signed thinking carried by the client reaches Anthropic untouched, with no memory of the call', async (t) => {
  const { client, anthropic } = await setup(t)
  await client.messages.stream(claudeCodeTurn('anthropic/fake-text', [
    QUESTION,
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Earlier, on another replica.', signature: 'signature-carried-by-the-client' },
        { type: 'redacted_thinking', data: 'redacted-data-carried-by-the-client' },
        { type: 'tool_use', id: 'toolu_01FromElsewhere', name: 'get_weather', input: { city: 'Tokyo' } }
      ]
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01FromElsewhere', content: [{ type: 'text', text: 'no such city' }], is_error: true }] }
  ])).finalMessage()
  const body = anthropic.calls[0]!.body
  const messages = body.messages as Array<{ role: string, content: unknown }>
  t.same(messages[1]!.content, [
    { type: 'thinking', thinking: 'Earlier, on another replica.', signature: 'signature-carried-by-the-client' },
    { type: 'redacted_thinking', data: 'redacted-data-carried-by-the-client' },
    { type: 'tool_use', id: 'toolu_01FromElsewhere', name: 'get_weather', input: { city: 'Tokyo' } }
  ])
  t.same(messages[2]!.content, [{ type: 'tool_result', tool_use_id: 'toolu_01FromElsewhere', content: 'Error: no such city' }], 'is_error is said in the result')
  t.same(body.thinking, { type: 'enabled', budget_tokens: 8192 }, 'thinking stays on: the turn is signed')
})

t.test('images: base64 sources reach the provider; URL sources get Ollama\'s 400', async (t) => {
  const { client, anthropic } = await setup(t)
  await client.messages.create({
    model: 'anthropic/fake-text',
    max_tokens: 64,
    messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }, { type: 'text', text: 'What is this?' }] }]
  })
  t.same((anthropic.calls[0]!.body.messages as Array<{ content: unknown }>)[0]!.content, [
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
    { type: 'text', text: 'What is this?' }
  ])
  const error = await client.messages.create({
    model: 'anthropic/fake-text',
    max_tokens: 64,
    messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } }] }]
  }).catch((caught: unknown) => caught)
  t.ok(error instanceof Anthropic.BadRequestError)
  t.match(error, { status: 400, error: { type: 'error', error: { type: 'invalid_request_error', message: 'invalid image source type: url. Only base64 images are supported.' } } })
  t.equal(anthropic.calls.length, 1, 'nothing sent upstream')
})

t.test('countTokens: the provider\'s own count where it has one, an estimate elsewhere', async (t) => {
  const { client, anthropic, gemini, upstream } = await setup(t)
  const conversation = { system: SYSTEM, tools: TOOLS, messages: [QUESTION], thinking: { type: 'enabled' as const, budget_tokens: 10_000 } }

  t.same(await client.messages.countTokens({ model: 'anthropic/fake-thinking-tools', ...conversation }), { input_tokens: COUNTED_INPUT_TOKENS })
  const counted = anthropic.calls[0]!
  t.equal(counted.url, '/v1/messages/count_tokens')
  t.equal(counted.headers['x-api-key'], 'sk-ant-upstream-key')
  t.same(Object.keys(counted.body).sort(), ['messages', 'model', 'system', 'thinking', 'tools'], 'only the fields the counting endpoint takes')

  t.same(await client.messages.countTokens({ model: 'gemini/fake-text', ...conversation }), { input_tokens: GEMINI_COUNTED_TOKENS })
  t.equal(gemini.calls[0]!.url, '/v1beta/models/fake-text:countTokens')
  t.match(gemini.calls[0]!.body, { generateContentRequest: { model: 'models/fake-text', systemInstruction: { parts: [{ text: `${SYSTEM[0]!.text}\n\n${SYSTEM[1]!.text}` }] } } })
  t.notOk('generationConfig' in (gemini.calls[0]!.body.generateContentRequest as Record<string, unknown>), 'settings that do not change the count stay out')

  const small = await client.messages.countTokens({ model: 'deepseek/fake-text', messages: [{ role: 'user', content: 'Hello' }] })
  const large = await client.messages.countTokens({ model: 'deepseek/fake-text', ...conversation })
  t.ok(small.input_tokens >= 1 && small.input_tokens < 20, `a greeting is a few tokens (${small.input_tokens})`)
  // Fifteen tools with schemas and two system blocks: several hundred tokens by any tokenizer.
  t.ok(large.input_tokens > 300 && large.input_tokens < 3000, `the whole turn is estimated (${large.input_tokens})`)
  t.equal(upstream.calls.length, 0, 'DeepSeek has no counting API: nothing was sent')

  const missing = await client.messages.countTokens({ model: 'nowhere/model', messages: [{ role: 'user', content: 'Hello' }] }).catch((caught: unknown) => caught)
  t.ok(missing instanceof Anthropic.NotFoundError)
})

t.test('errors come in Anthropic\'s shape with its types', async (t) => {
  const { client, upstream } = await setup(t)
  const noMaxTokens = await client.messages.create({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }] } as unknown as MessageCreateParamsNonStreaming).catch((caught: unknown) => caught)
  t.ok(noMaxTokens instanceof Anthropic.BadRequestError)
  t.match(noMaxTokens, { status: 400, error: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens is required and must be positive' }, request_id: /^req_[0-9a-f]{24}$/ } })

  const unknown = await client.messages.create({ model: 'nowhere/model', max_tokens: 10, messages: [{ role: 'user', content: 'Hello' }] }).catch((caught: unknown) => caught)
  t.ok(unknown instanceof Anthropic.NotFoundError)
  t.match(unknown, { status: 404, error: { type: 'error', error: { type: 'not_found_error', message: "model 'nowhere/model' not found" } } })

  const noMessages = await client.messages.create({ model: 'openai/fake-text', max_tokens: 10, messages: [] }).catch((caught: unknown) => caught)
  t.match(noMessages, { status: 400, error: { error: { type: 'invalid_request_error', message: 'messages is required' } } })

  const serverTool = await client.messages.create({ model: 'openai/fake-text', max_tokens: 10, tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }], messages: [{ role: 'user', content: 'News?' }] }).catch((caught: unknown) => caught)
  t.match(serverTool, { status: 400, error: { error: { type: 'invalid_request_error', message: /tool type "web_search_20250305" is not supported/ } } })

  const rateLimited = await client.messages.create({ model: 'openai/fake-429', max_tokens: 10, messages: [{ role: 'user', content: 'Hello' }] }).catch((caught: unknown) => caught)
  t.ok(rateLimited instanceof Anthropic.RateLimitError)
  t.match(rateLimited, { status: 429, error: { error: { type: 'rate_limit_error' } } })

  // The upstream failed before any content: the status is still the client's to see.
  const early = await client.messages.create({ model: 'openai/fake-early-error', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'Hello' }] }).catch((caught: unknown) => caught)
  t.ok(early instanceof Anthropic.APIError)
  t.match(early, { status: 502, error: { error: { type: 'api_error', message: /content filtered before any token/ } } })
  t.equal(upstream.calls.filter((call) => call.body.model === 'fake-text').length, 0, 'refused requests never went upstream')
})

t.test('a body over the limit is request_too_large', async (t) => {
  const { client } = await setup(t, { BODY_LIMIT_BYTES: '4096' })
  const error = await client.messages.create({ model: 'openai/fake-text', max_tokens: 16, messages: [{ role: 'user', content: 'x'.repeat(8192) }] }).catch((caught: unknown) => caught)
  t.ok(error instanceof Anthropic.APIError)
  t.match(error, { status: 413, error: { type: 'error', error: { type: 'request_too_large', message: 'request body too large' } } })
})

t.test('an upstream failure after the stream began is an `event: error` frame the SDK raises', async (t) => {
  const { client } = await setup(t)
  const stream = client.messages.stream({ model: 'anthropic/fake-error-event', max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }] })
  let text = ''
  stream.on('text', (delta) => { text += delta })
  const failed = await stream.finalMessage().catch((caught: unknown) => caught)
  t.equal(text, 'Hello')
  t.ok(failed instanceof Anthropic.APIError, 'an error, not a silently short answer')
  t.match(failed, { error: { type: 'error', error: { type: 'api_error', message: /Overloaded/ } } })
})

t.test('client keys: x-api-key or a bearer token against API_KEYS; a wrong one is an authentication_error', async (t) => {
  const { url } = await setup(t, { API_KEYS: 'client-key-one' })
  const body = { model: 'openai/fake-text', max_tokens: 16, messages: [{ role: 'user' as const, content: 'Hello' }] }
  const wrong = await new Anthropic({ baseURL: url, apiKey: 'client-key-two', maxRetries: 0 }).messages.create(body).catch((caught: unknown) => caught)
  t.ok(wrong instanceof Anthropic.AuthenticationError)
  t.match(wrong, { status: 401, error: { type: 'error', error: { type: 'authentication_error', message: 'unauthorized' } } })
  const withApiKey = await new Anthropic({ baseURL: url, apiKey: 'client-key-one', maxRetries: 0 }).messages.create(body)
  t.equal(withApiKey.content[0]?.type, 'text', 'x-api-key, as ANTHROPIC_API_KEY sends it')
  const withToken = await new Anthropic({ baseURL: url, apiKey: null, authToken: 'client-key-one', maxRetries: 0 }).messages.create(body)
  t.equal(withToken.content[0]?.type, 'text', 'Authorization: Bearer, as ANTHROPIC_AUTH_TOKEN sends it')
  const count = await new Anthropic({ baseURL: url, apiKey: 'client-key-two', maxRetries: 0 }).messages.countTokens({ model: 'openai/fake-text', messages: body.messages }).catch((caught: unknown) => caught)
  t.ok(count instanceof Anthropic.AuthenticationError, 'count_tokens is guarded too')
})

t.test('a client leaving mid-stream aborts the upstream', async (t) => {
  const { client, anthropic } = await setup(t)
  const stream = client.messages.stream({ model: 'anthropic/fake-slow', max_tokens: 64, messages: [{ role: 'user', content: 'go' }] })
  let received = 0
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && ++received === 5) break
  }
  const deadline = Date.now() + 5000
  while (anthropic.calls[0]?.aborted !== true && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
  t.equal(anthropic.calls[0]?.aborted, true, 'the upstream saw the request end early')
  await anthropic.waitForNoSockets(5000)
  t.pass('no upstream socket left open')
})

t.test('GET /v1/models with anthropic-version: Anthropic\'s list shape, paged; errors in its shape too', async (t) => {
  const { client, url } = await setup(t)
  const ids: string[] = []
  for await (const model of client.models.list({ limit: 7 })) ids.push(model.id)
  t.ok(ids.includes('anthropic/fake-thinking-tools:latest'))
  t.ok(ids.includes('deepseek/fake-reasoning-tools:latest'))
  t.equal(new Set(ids).size, ids.length, 'the pages neither repeat nor skip')
  t.notOk(ids.some((id) => id.includes('embedding')), 'models that cannot chat are left out')

  const page = await request(`${url}/v1/models?limit=2`, { headers: { 'anthropic-version': '2023-06-01' } })
  const body = await page.body.json() as Record<string, unknown>
  t.same(Object.keys(body).sort(), ['data', 'first_id', 'has_more', 'last_id'])
  t.equal(body.has_more, true)
  t.match((body.data as unknown[])[0], { type: 'model', id: String, display_name: String, created_at: /^\d{4}-\d\d-\d\dT/ })

  const one = await client.models.retrieve('anthropic/fake-text')
  t.same(one, { type: 'model', id: 'anthropic/fake-text', display_name: 'anthropic/fake-text', created_at: one.created_at })
  const missing = await client.models.retrieve('nowhere/model').catch((caught: unknown) => caught)
  t.ok(missing instanceof Anthropic.NotFoundError)
  t.match(missing, { error: { type: 'error', error: { type: 'not_found_error' } } })

  const openAi = await request(`${url}/v1/models`)
  t.equal((await openAi.body.json() as { object: string }).object, 'list', 'without the header: OpenAI\'s list, as before')
})
