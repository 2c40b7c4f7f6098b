import t from 'tap'
import { AnthropicMessageWriter } from '../../../src/anthropic/message-writer.js'
import { AnswerMetrics } from '../../../src/core/answer-metrics.js'
import type { ChatEvent } from '../../../src/core/chat-event.js'
import { UpstreamAnswerError } from '../../../src/errors.js'

async function * from (events: ChatEvent[], pauseBeforeMs = 0): AsyncGenerator<ChatEvent> {
  if (pauseBeforeMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseBeforeMs))
  yield * events
}

async function frames (writer: AnthropicMessageWriter, events: AsyncIterable<ChatEvent>): Promise<Array<{ event: string, data: Record<string, unknown> }>> {
  let text = ''
  for await (const piece of writer.stream(events, new AnswerMetrics())) text += piece
  return text.split('\n\n').filter((frame) => frame !== '').map((frame) => {
    const [eventLine, dataLine] = frame.split('\n')
    return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) as Record<string, unknown> }
  })
}

const writer = (pingIntervalMs?: number) => new AnthropicMessageWriter({ model: 'deepseek/deepseek-chat', estimatedInputTokens: 50, ...(pingIntervalMs === undefined ? {} : { pingIntervalMs }) })

t.test('blocks in order: thinking closed by its signature, a redacted block, text, whole tool calls', async (t) => {
  const events: ChatEvent[] = [
    { type: 'thinking-delta', text: 'Hmm.' },
    { type: 'thinking-signature', signature: 'sig-1' },
    { type: 'thinking-signature', signature: 'opaque', redacted: true },
    { type: 'text-delta', text: 'Calling.' },
    { type: 'tool-call', toolCall: { id: 'call_a', name: 'get_weather', arguments: { city: 'Tokyo' } } },
    { type: 'tool-call', toolCall: { id: 'call_b', name: 'get_time', arguments: {} } },
    { type: 'usage', promptTokens: 30, completionTokens: 9 },
    { type: 'finish', reason: 'stop' }
  ]
  const seen = await frames(writer(), from(events))
  t.same(seen.map((frame) => frame.event), [
    'message_start', 'ping',
    'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop',
    'content_block_start', 'content_block_stop',
    'content_block_start', 'content_block_delta', 'content_block_stop',
    'content_block_start', 'content_block_delta', 'content_block_stop',
    'content_block_start', 'content_block_delta', 'content_block_stop',
    'message_delta', 'message_stop'
  ])
  t.same(seen[2]!.data, { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } })
  t.same(seen[4]!.data, { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig-1' } })
  t.same(seen[6]!.data, { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'opaque' } })
  t.same(seen[8]!.data, { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } })
  t.same(seen[11]!.data, { type: 'content_block_start', index: 3, content_block: { type: 'tool_use', id: 'call_a', name: 'get_weather', input: {} } })
  t.same(seen[12]!.data, { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{"city":"Tokyo"}' } })
  t.same(seen[16]!.data.index, 4)
  t.same(seen.at(-2)!.data, { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { input_tokens: 30, output_tokens: 9 } })

  const folded = await writer().fold(from(events), new AnswerMetrics())
  t.same(folded.content, [
    { type: 'thinking', thinking: 'Hmm.', signature: 'sig-1' },
    { type: 'redacted_thinking', data: 'opaque' },
    { type: 'text', text: 'Calling.' },
    { type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Tokyo' } },
    { type: 'tool_use', id: 'call_b', name: 'get_time', input: {} }
  ])
  t.equal(folded.stop_reason, 'tool_use')
})

t.test('stop reasons; the estimate stands in for an input count the upstream never gave', async (t) => {
  const cut = await writer().fold(from([{ type: 'text-delta', text: 'Cut' }, { type: 'finish', reason: 'length' }]), new AnswerMetrics())
  t.equal(cut.stop_reason, 'max_tokens')
  t.same(cut.usage, { input_tokens: 50, output_tokens: 0 })
  const empty = await frames(writer(), from([{ type: 'finish', reason: 'stop' }]))
  t.same(empty.map((frame) => frame.event), ['message_start', 'ping', 'message_delta', 'message_stop'], 'an empty answer is still a whole message')
  t.match(empty[0]!.data, { message: { content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 50, output_tokens: 0 } } })
})

t.test('errors: thrown before any content (a status is still possible), an error frame after', async (t) => {
  await t.rejects(frames(writer(), from([{ type: 'error', message: 'refused' }])), UpstreamAnswerError)
  await t.rejects(writer().fold(from([{ type: 'text-delta', text: 'a' }, { type: 'error', message: 'broke' }]), new AnswerMetrics()), UpstreamAnswerError)
  const seen = await frames(writer(), from([{ type: 'text-delta', text: 'Hel' }, { type: 'error', message: 'upstream stream ended before the answer was complete' }]))
  t.same(seen.map((frame) => frame.event), ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'error'], 'the stream ends at the error, as the real API\'s does')
  t.match(seen.at(-1)!.data, { type: 'error', error: { type: 'api_error', message: 'upstream stream ended before the answer was complete' } })
})

t.test('a silent upstream gets pings, and the answer starts so the client sees it alive', async (t) => {
  const seen = await frames(writer(20), from([{ type: 'text-delta', text: 'late' }, { type: 'finish', reason: 'stop' }], 75))
  const beforeText = seen.slice(0, seen.findIndex((frame) => frame.event === 'content_block_start')).map((frame) => frame.event)
  t.equal(beforeText[0], 'message_start')
  t.ok(beforeText.filter((event) => event === 'ping').length >= 2, `pings while waiting (${beforeText.join(', ')})`)
  t.equal(seen.at(-1)!.event, 'message_stop')
})

t.test('a consumer that stops early returns the source', async (t) => {
  let returned = false
  async function * source (): AsyncGenerator<ChatEvent> {
    try {
      yield { type: 'text-delta', text: 'one' }
      yield { type: 'text-delta', text: 'two' }
    } finally {
      returned = true
    }
  }
  const stream = writer().stream(source(), new AnswerMetrics())
  await stream.next()
  await stream.return(undefined)
  t.ok(returned, 'the upstream generator was closed')
})
