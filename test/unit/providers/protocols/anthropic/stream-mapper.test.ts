import t from 'tap'
import { AnthropicStreamMapper, mapStopReason } from '../../../../../providers/protocols/anthropic/stream-mapper.js'
import { ThinkingMemory } from '../../../../../providers/protocols/anthropic/thinking-memory.js'
import type { ChatEvent } from '../../../../../src/core/chat-event.js'
import { anthropicScenario, FAKE_SIGNATURE } from '../../../../helpers/fake-anthropic.js'

/** The memory a provider plugin would give its mappers. */
const thinkingMemory = new ThinkingMemory()

function run (events: Array<Record<string, unknown> & { type: string }>): ChatEvent[] {
  const mapper = new AnthropicStreamMapper(thinkingMemory)
  return [...events.flatMap((event) => mapper.map({ event: event.type, data: JSON.stringify(event) })), ...mapper.flush()]
}

t.test('text, thinking with its signature, usage and finish; ping ignored', async (t) => {
  t.same(run(anthropicScenario('fake-thinking')), [
    { type: 'thinking-delta', text: 'Let me think. ' },
    { type: 'thinking-delta', text: 'Done thinking.' },
    { type: 'thinking-signature', signature: FAKE_SIGNATURE },
    { type: 'text-delta', text: 'The answer ' },
    { type: 'text-delta', text: 'is 4.' },
    { type: 'usage', promptTokens: 12, completionTokens: 9 },
    { type: 'finish', reason: 'stop' }
  ])
  t.same(run(anthropicScenario('fake-length')).at(-1), { type: 'finish', reason: 'length' })
})

t.test('tool_use blocks become whole calls from partial JSON; signed thinking is remembered by call id', async (t) => {
  const calls = run(anthropicScenario('fake-tools')).flatMap((event) => event.type === 'tool-call' ? [event.toolCall] : [])
  t.same(calls.map((call) => [call.name, call.arguments]), [['get_weather', { city: 'Tokyo' }], ['get_time', {}]])
  t.equal(thinkingMemory.recall(calls[0]!.id), undefined, 'nothing to remember without thinking')
  const [thinkingCall] = run(anthropicScenario('fake-thinking-tools')).flatMap((event) => event.type === 'tool-call' ? [event.toolCall] : [])
  t.same(thinkingMemory.recall(thinkingCall!.id), [{ type: 'thinking', thinking: 'I should call the weather tool.', signature: FAKE_SIGNATURE }])
})

t.test('a redacted thinking block is passed on whole, as a redacted signature', async (t) => {
  const events = run([
    { type: 'message_start', message: { usage: { input_tokens: 3 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hi' } },
    { type: 'content_block_stop', index: 1 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } },
    { type: 'message_stop' }
  ])
  t.same(events.slice(0, 2), [{ type: 'thinking-signature', signature: 'EmwKAhgBEgy3va3pzix', redacted: true }, { type: 'text-delta', text: 'Hi' }])
})

t.test('errors: error events, malformed frames, bad tool JSON, a stream without message_stop', async (t) => {
  t.same(run([{ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }])[0], { type: 'error', message: 'overloaded_error: Overloaded' })
  t.same(new AnthropicStreamMapper().map({ data: '{"type":' }), [{ type: 'error', message: 'upstream sent a malformed stream frame' }])
  const badJson = run([
    { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'x', name: 'f', input: {} } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{oops' } },
    { type: 'content_block_stop', index: 0 }
  ])
  t.same(badJson[0], { type: 'error', message: 'upstream sent invalid arguments for tool call "f"' })
  t.same(run([{ type: 'message_start', message: { usage: { input_tokens: 1 } } }]), [{ type: 'error', message: 'upstream stream ended before the answer was complete' }])
  t.equal(mapStopReason('refusal'), 'stop')
  t.equal(mapStopReason('model_context_window_exceeded'), 'length')
})
