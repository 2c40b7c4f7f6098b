/** The `/v1` dialect without Fastify: chat-completions and completions bodies in, ChatEvents in, exact SSE bytes and JSON out. */
import t from 'tap'
import { AnswerMetrics } from '../../../src/core/answer-metrics.js'
import type { ChatEvent } from '../../../src/core/chat-event.js'
import { readChatCompletionsRequest } from '../../../src/openai/chat-completions-reader.js'
import { readCompletionsRequest } from '../../../src/openai/completions-reader.js'
import { CompletionWriter } from '../../../src/openai/sse-writer.js'

const PNG = 'iVBORw0KGgo='
/** Unix seconds, as the frame carries them. */
const CREATED = 1764504000

async function * replay (events: readonly ChatEvent[]): AsyncGenerator<ChatEvent> {
  yield * events
}

async function collect (pieces: AsyncIterable<string>): Promise<string> {
  let bytes = ''
  for await (const piece of pieces) bytes += piece
  return bytes
}

const ANSWER: readonly ChatEvent[] = [
  { type: 'thinking-delta', text: 'A tool.' },
  { type: 'text-delta', text: 'Checking.' },
  { type: 'tool-call', toolCall: { id: 'call_a1b2c3d4', name: 'get_weather', arguments: { city: 'Tokyo' } } },
  { type: 'usage', promptTokens: 12, completionTokens: 5 },
  { type: 'finish', reason: 'stop' }
]

t.test('chat completions: the reader converts the whole body, the writer streams exact frames', async (t) => {
  // Content parts as the SDK sends them; the schema types only their `type`.
  const parts = [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }]
  const read = readChatCompletionsRequest({
    model: 'gpt-4o',
    messages: [
      { role: 'developer', content: 'Be brief.' },
      { role: 'user', content: parts }
    ],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    reasoning_effort: 'minimal',
    response_format: { type: 'json_object' },
    temperature: 0.2,
    max_tokens: 100,
    stop: 'END',
    stream: true
  })
  t.same(read, {
    model: 'gpt-4o',
    stream: true,
    chat: {
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is this?', images: [PNG] }],
      options: { temperature: 0.2, maxTokens: 100, stop: ['END'], ollamaOptions: { temperature: 0.2, num_predict: 100, stop: ['END'] } },
      tools: [{ name: 'get_weather', parameters: { type: 'object' } }],
      think: 'low',
      format: 'json'
    }
  })
  t.throws(() => readChatCompletionsRequest({ model: 'gpt-4o', messages: [] }), { statusCode: 400, message: "[] is too short - 'messages'" })
  t.equal(readChatCompletionsRequest({ model: '', messages: [{ role: 'user', content: 'x' }] }).stream, false, 'one JSON object by default')

  const writer = new CompletionWriter({ kind: 'chat', id: 'chatcmpl-42', created: CREATED, model: 'gpt-4o' }, true)
  t.equal(writer.streamContentType, 'text/event-stream')
  t.same(writer.streamHeaders, { 'cache-control': 'no-cache' })
  t.equal(writer.jsonContentType, 'application/json')
  const head = '"id":"chatcmpl-42","object":"chat.completion.chunk","created":1764504000,"model":"gpt-4o","system_fingerprint":"fp_ollama"'
  t.equal(await collect(writer.stream(replay(ANSWER), new AnswerMetrics())),
    `data: {${head},"choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":"A tool."},"finish_reason":null}]}\n\n` +
    `data: {${head},"choices":[{"index":0,"delta":{"content":"Checking."},"finish_reason":null}]}\n\n` +
    `data: {${head},"choices":[{"index":0,"delta":{"content":"","tool_calls":` +
    '[{"id":"call_a1b2c3d4","index":0,"type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Tokyo\\"}"}}]},"finish_reason":null}]}\n\n' +
    `data: {${head},"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}\n\n` +
    `data: {${head},"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}\n\n` +
    'data: [DONE]\n\n')

  t.equal(JSON.stringify(await writer.fold(replay(ANSWER), new AnswerMetrics())),
    '{"id":"chatcmpl-42","object":"chat.completion","created":1764504000,"model":"gpt-4o","system_fingerprint":"fp_ollama",' +
    '"choices":[{"index":0,"message":{"role":"assistant","content":"Checking.","reasoning":"A tool.","tool_calls":' +
    '[{"id":"call_a1b2c3d4","index":0,"type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Tokyo\\"}"}}]},' +
    '"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}')
})

t.test('chat completions: an upstream error is thrown before the first frame, sent as the last frame after it', async (t) => {
  const writer = new CompletionWriter({ kind: 'chat', id: 'chatcmpl-7', created: CREATED, model: 'm' }, false)
  const failed = { type: 'error', message: 'upstream overloaded' } as const
  await t.rejects(collect(writer.stream(replay([failed]), new AnswerMetrics())),
    { code: 'OLLAMA_UPSTREAM_ANSWER_FAILED', statusCode: 502, message: 'upstream overloaded' })
  await t.rejects(writer.fold(replay([failed]), new AnswerMetrics()), { code: 'OLLAMA_UPSTREAM_ANSWER_FAILED', statusCode: 502 })
  t.equal(await collect(writer.stream(replay([{ type: 'text-delta', text: 'Hal' }, failed]), new AnswerMetrics())),
    'data: {"id":"chatcmpl-7","object":"chat.completion.chunk","created":1764504000,"model":"m","system_fingerprint":"fp_ollama",' +
    '"choices":[{"index":0,"delta":{"role":"assistant","content":"Hal"},"finish_reason":null}]}\n\n' +
    'data: {"error":{"message":"upstream overloaded","type":"api_error","param":null,"code":null}}\n\n')
})

t.test('completions: the prompt is one user message, a suffix asks for fill-in-the-middle', async (t) => {
  t.same(readCompletionsRequest({ model: 'deepseek-chat', prompt: 'def add(a, b):', suffix: '\n', seed: 7, top_p: 0, stream: true }), {
    model: 'deepseek-chat',
    stream: true,
    chat: { messages: [{ role: 'user', content: 'def add(a, b):' }], options: { seed: 7, ollamaOptions: { seed: 7 } }, suffix: '\n' }
  })
  t.same(readCompletionsRequest({ model: 'm', prompt: 'x', suffix: null }), { model: 'm', stream: false, chat: { messages: [{ role: 'user', content: 'x' }], options: {} } })
})
