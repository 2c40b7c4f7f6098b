import t from 'tap'
import { AnswerMetrics } from '../../../src/core/answer-metrics.js'
import type { ChatEvent } from '../../../src/core/chat-event.js'
import { readInputItems } from '../../../src/responses/read-input.js'
import { readResponsesRequest } from '../../../src/responses/read-request.js'
import { newResponseFrame } from '../../../src/responses/response-object.js'
import { ResponsesWriter } from '../../../src/responses/responses-writer.js'

async function * events (list: ChatEvent[]): AsyncGenerator<ChatEvent> {
  yield * list
}

const writer = () => new ResponsesWriter(newResponseFrame('anthropic/claude', readResponsesRequest({ input: 'x' }).echo))

/** Anthropic's shape of a thinking tool turn: thinking deltas, the signature, a redacted block, a call. */
const SIGNED_TOOL_TURN: ChatEvent[] = [
  { type: 'thinking-delta', text: 'I should ' },
  { type: 'thinking-delta', text: 'look.' },
  { type: 'thinking-signature', signature: 'EqQBsig' },
  { type: 'thinking-signature', signature: 'ErUBredacted', redacted: true },
  { type: 'tool-call', toolCall: { id: 'toolu_1', name: 'get_weather', arguments: { city: 'Tokyo' } } },
  { type: 'usage', promptTokens: 20, completionTokens: 30 },
  { type: 'finish', reason: 'stop' }
]

t.test('a signed thinking turn streams as a reasoning item whose encrypted_content gives the signature back', async (t) => {
  const frames: string[] = []
  for await (const piece of writer().stream(events(SIGNED_TOOL_TURN), new AnswerMetrics())) frames.push(...piece.split('\n\n').filter((frame) => frame !== ''))
  const data = frames.map((frame) => JSON.parse(frame.split('\n')[1]!.slice('data: '.length)) as Record<string, unknown> & { type: string })
  t.same(data.map((event) => event.type), [
    'response.created', 'response.in_progress',
    'response.output_item.added', 'response.reasoning_summary_part.added',
    'response.reasoning_summary_text.delta', 'response.reasoning_summary_text.delta',
    'response.reasoning_summary_text.done', 'response.reasoning_summary_part.done', 'response.output_item.done',
    'response.output_item.added', 'response.function_call_arguments.delta', 'response.function_call_arguments.done', 'response.output_item.done',
    'response.completed'
  ])
  t.same(data.map((event) => event.sequence_number), data.map((_event, index) => index))
  const final = data.at(-1)!.response as { output: Array<Record<string, unknown>>, usage: unknown, status: string }
  t.equal(final.status, 'completed')
  t.same(final.usage, { input_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens: 30, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 50 })
  t.match(final.output, [
    { type: 'reasoning', summary: [{ type: 'summary_text', text: 'I should look.' }] },
    { type: 'function_call', call_id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Tokyo"}', status: 'completed' }
  ])
  t.same(readInputItems(final.output)[0], {
    role: 'assistant',
    content: '',
    thinking: 'I should look.',
    thinkingSignature: 'EqQBsig',
    redactedThinking: ['ErUBredacted'],
    toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: { city: 'Tokyo' } }]
  }, 'the turn comes back whole when the client replays its output')
})

t.test('the fold is the streamed final response; an error before any output throws, after it fails in-band', async (t) => {
  const folded = await writer().fold(events(SIGNED_TOOL_TURN), new AnswerMetrics()) as { output: unknown[], status: string }
  t.equal(folded.status, 'completed')
  t.match(folded.output, [{ type: 'reasoning', summary: [{ text: 'I should look.' }] }, { type: 'function_call', name: 'get_weather' }])
  await t.rejects(writer().fold(events([{ type: 'error', message: 'overloaded' }]), new AnswerMetrics()), { message: 'overloaded', statusCode: 502 })
  const early = writer().stream(events([{ type: 'error', message: 'overloaded' }]), new AnswerMetrics())
  await t.rejects(early.next(), { message: 'overloaded', statusCode: 502 }, 'nothing written yet: the handler still answers with a status')
  const late: string[] = []
  for await (const piece of writer().stream(events([{ type: 'text-delta', text: 'Hel' }, { type: 'error', message: 'overloaded' }]), new AnswerMetrics())) late.push(piece)
  t.match(late.at(-1), /^event: response\.failed\ndata: \{"type":"response\.failed","response":\{.*"status":"failed".*"error":\{"code":"server_error","message":"overloaded"\}/)
})

t.test('text after a call opens a new message item; an empty answer still completes', async (t) => {
  const folded = await writer().fold(events([
    { type: 'text-delta', text: 'Let me check. ' },
    { type: 'tool-call', toolCall: { id: 'c1', name: 'f', arguments: {} } },
    { type: 'text-delta', text: 'One moment.' },
    { type: 'finish', reason: 'stop' }
  ]), new AnswerMetrics()) as { output: Array<{ type: string }> }
  t.same(folded.output.map((item) => item.type), ['message', 'function_call', 'message'])
  const empty: string[] = []
  for await (const piece of writer().stream(events([{ type: 'finish', reason: 'stop' }]), new AnswerMetrics())) empty.push(piece)
  t.match(empty.join(''), /event: response\.created\n[^]*event: response\.in_progress\n[^]*event: response\.completed\n/)
})
