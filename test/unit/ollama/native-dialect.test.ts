/** The Ollama native dialect without Fastify: `/api/chat` and `/api/generate` bodies in, ChatEvents in, exact NDJSON bytes out. */
import t, { type Test } from 'tap'
import type { ChatEvent } from '../../../src/core/chat-event.js'
import { presetOptions } from '../../../src/core/admission.js'
import { chatNeeds, decodeChatBody, readChatRequest } from '../../../src/ollama/chat-reader.js'
import { generateNeeds, readGenerateRequest } from '../../../src/ollama/generate-reader.js'
import * as realTime from '../../../src/core/ollama-time.js'

const CREATED_AT = '2026-11-30T12:00:00.123456789Z'

/**
 * The writer and the metrics with a frozen clock: every timestamp is CREATED_AT and every duration 1 ns. The chunk
 * builder is loaded with the clock first, since tap's mocks do not reach through a `.js` import of a `.ts` file.
 */
async function frozenClock (t: Test) {
  const clock = { '../../../src/core/ollama-time.js': { ...realTime, formatTimestamp: () => CREATED_AT, nowNs: () => 1_000n } }
  const chunkBuilder = await t.mockImport('../../../src/ollama/chunk-builder.js', clock)
  const writerModule = '../../../src/ollama/ndjson-writer.js'
  const { NdjsonAnswerWriter } = await t.mockImport<typeof import('../../../src/ollama/ndjson-writer.js')>(writerModule, {
    '../../../src/ollama/chunk-builder.js': chunkBuilder
  })
  const { AnswerMetrics } = await t.mockImport<typeof import('../../../src/core/answer-metrics.js')>('../../../src/core/answer-metrics.js', clock)
  const metrics = () => {
    const figures = new AnswerMetrics()
    figures.markHeaders()
    return figures
  }
  return { NdjsonAnswerWriter, metrics }
}

async function * replay (events: readonly ChatEvent[]): AsyncGenerator<ChatEvent> {
  yield * events
}

async function collect (pieces: AsyncIterable<string>): Promise<string> {
  let bytes = ''
  for await (const piece of pieces) bytes += piece
  return bytes
}

const ANSWER: readonly ChatEvent[] = [
  { type: 'thinking-delta', text: 'Weather, so a tool.' },
  { type: 'text-delta', text: 'Checking.' },
  { type: 'text-delta', text: '' },
  { type: 'tool-call', toolCall: { id: 'call_a1b2c3d4', name: 'get_weather', arguments: { city: 'Tokyo' } } },
  { type: 'usage', promptTokens: 12, completionTokens: 5 },
  { type: 'finish', reason: 'stop' }
]

t.test('/api/chat: the reader reads in phases, the writer streams exact lines', async (t) => {
  const body = {
    model: 'qwen3:8b',
    messages: [{ role: 'System', content: 'Be brief.' }, { role: 'user', content: 'Weather in Tokyo?', images: [] }],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    think: 'high',
    format: 'json',
    options: { temperature: 0.2, num_ctx: 8192 }
  }
  decodeChatBody(body)
  t.same(chatNeeds(body), { thinking: true, tools: true, insert: false, vision: false })
  t.throws(() => decodeChatBody({ messages: [{ role: 'user', content: 'x', images: ['data:image/png;base64,AAAA'] }] }),
    { message: 'illegal base64 data at input byte 4', statusCode: 400 }, 'images are decoded first')
  t.throws(() => chatNeeds({ think: 'extreme' }), { statusCode: 400, message: /^invalid think value: "extreme"/ })

  const read = readChatRequest(body, presetOptions(undefined, body.options))
  t.same(read, {
    model: 'qwen3:8b',
    stream: true,
    chat: {
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Weather in Tokyo?' }],
      options: { temperature: 0.2, ollamaOptions: { temperature: 0.2, num_ctx: 8192 } },
      tools: [{ name: 'get_weather', parameters: { type: 'object' } }],
      think: 'high',
      format: 'json'
    }
  })
  t.equal(readChatRequest({ stream: false }, {}).stream, false)

  const { NdjsonAnswerWriter, metrics } = await frozenClock(t)
  const writer = new NdjsonAnswerWriter('chat', { model: 'qwen3:8b' })
  t.equal(writer.streamContentType, 'application/x-ndjson')
  t.equal(writer.jsonContentType, 'application/json; charset=utf-8')
  t.equal(await collect(writer.stream(replay(ANSWER), metrics())),
    '{"model":"qwen3:8b","created_at":"2026-11-30T12:00:00.123456789Z","message":{"role":"assistant","content":"","thinking":"Weather, so a tool."},"done":false}\n' +
    '{"model":"qwen3:8b","created_at":"2026-11-30T12:00:00.123456789Z","message":{"role":"assistant","content":"Checking."},"done":false}\n' +
    '{"model":"qwen3:8b","created_at":"2026-11-30T12:00:00.123456789Z","message":{"role":"assistant","content":"","tool_calls":' +
    '[{"id":"call_a1b2c3d4","function":{"index":0,"name":"get_weather","arguments":{"city":"Tokyo"}}}]},"done":false}\n' +
    '{"model":"qwen3:8b","created_at":"2026-11-30T12:00:00.123456789Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,' +
    '"total_duration":1,"load_duration":1,"prompt_eval_count":12,"prompt_eval_duration":1,"eval_count":5,"eval_duration":1}\n')

  t.equal(JSON.stringify(await writer.fold(replay(ANSWER), metrics())),
    '{"model":"qwen3:8b","created_at":"2026-11-30T12:00:00.123456789Z","message":{"role":"assistant","content":"Checking.","thinking":"Weather, so a tool.",' +
    '"tool_calls":[{"id":"call_a1b2c3d4","function":{"index":0,"name":"get_weather","arguments":{"city":"Tokyo"}}}]},"done_reason":"stop","done":true,' +
    '"total_duration":1,"load_duration":1,"prompt_eval_count":12,"prompt_eval_duration":1,"eval_count":5,"eval_duration":1}')
})

t.test('/api/chat: an upstream error is thrown before the first line, written in-band after it', async (t) => {
  const { NdjsonAnswerWriter, metrics } = await frozenClock(t)
  const writer = new NdjsonAnswerWriter('chat', { model: 'qwen3:8b' })
  const failed = { type: 'error', message: 'upstream overloaded' } as const
  await t.rejects(collect(writer.stream(replay([failed]), metrics())),
    { name: 'FastifyError', code: 'OLLAMA_UPSTREAM_ANSWER_FAILED', statusCode: 502, message: 'upstream overloaded' })
  await t.rejects(writer.fold(replay([{ type: 'text-delta', text: 'Hal' }, failed]), metrics()),
    { code: 'OLLAMA_UPSTREAM_ANSWER_FAILED', statusCode: 502, message: 'upstream overloaded' }, 'a folded answer fails whole')
  t.equal(await collect(writer.stream(replay([{ type: 'text-delta', text: 'Hal' }, failed, { type: 'text-delta', text: 'lo' }]), metrics())),
    '{"model":"qwen3:8b","created_at":"2026-11-30T12:00:00.123456789Z","message":{"role":"assistant","content":"Hal"},"done":false}\n' +
    '{"error":"upstream overloaded"}\n')
})

t.test('/api/generate: raw conflicts and think are phase 2; the prompt follows the client system; generate chunks', async (t) => {
  const body = { model: 'coder', prompt: 'def add(a, b):', suffix: '\n', system: 'Complete code.', images: ['iVBORw0KGgo='], think: false, stream: false }
  t.same(generateNeeds(body), { thinking: false, tools: false, insert: true, vision: true })
  t.throws(() => generateNeeds({ raw: true, system: 'x', think: 'extreme' }), { statusCode: 400, message: 'raw mode does not support template, system, or context' })
  t.same(readGenerateRequest(body, {}), {
    model: 'coder',
    stream: false,
    chat: {
      messages: [{ role: 'system', content: 'Complete code.' }, { role: 'user', content: 'def add(a, b):', images: ['iVBORw0KGgo='] }],
      options: {},
      suffix: '\n',
      think: false
    }
  })
  t.same(readGenerateRequest({ prompt: 'x', system: 'ignored in raw mode', raw: true }, {}).chat.messages, [{ role: 'user', content: 'x' }])

  const { NdjsonAnswerWriter, metrics } = await frozenClock(t)
  const writer = new NdjsonAnswerWriter('generate', { model: 'coder' })
  t.equal(await collect(writer.stream(replay([{ type: 'text-delta', text: '  return a + b' }, { type: 'finish', reason: 'length' }]), metrics())),
    '{"model":"coder","created_at":"2026-11-30T12:00:00.123456789Z","response":"  return a + b","done":false}\n' +
    // No usage from the upstream: the answer's count is the one piece written (Ollama's last line always counts).
    '{"model":"coder","created_at":"2026-11-30T12:00:00.123456789Z","response":"","done":true,"done_reason":"length","total_duration":1,"load_duration":1,' +
    '"eval_count":1,"eval_duration":1}\n')
})
