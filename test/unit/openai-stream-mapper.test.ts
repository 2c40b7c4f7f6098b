import t from 'tap'
import type { ChatEvent } from '../../src/core/chat-event.js'
import { OpenAiStreamMapper } from '../../providers/openai-compatible/stream-mapper.js'

function run (chunks: unknown[], done = true): ChatEvent[] {
  const mapper = new OpenAiStreamMapper()
  const events = chunks.flatMap((chunk) => mapper.map({ data: JSON.stringify(chunk) }))
  if (done) events.push(...mapper.map({ data: '[DONE]' }))
  return [...events, ...mapper.flush()]
}

const toolCalls = (events: ChatEvent[]) => events.flatMap((event) => event.type === 'tool-call' ? [event.toolCall] : [])

t.test('text, reasoning, usage and finish', async (t) => {
  const events = run([
    { choices: [{ delta: { reasoning_content: 'hmm' } }] },
    { choices: [{ delta: { content: 'Hi' }, finish_reason: null }] },
    { choices: [{ delta: {}, finish_reason: 'length' }] },
    { choices: [], usage: { prompt_tokens: 5, completion_tokens: 2 } }
  ])
  t.same(events, [
    { type: 'thinking-delta', text: 'hmm' },
    { type: 'text-delta', text: 'Hi' },
    { type: 'usage', promptTokens: 5, completionTokens: 2 },
    { type: 'finish', reason: 'length' }
  ])
})

t.test('tool-call deltas accumulate by index; empty ids continue the call', async (t) => {
  const calls = toolCalls(run([
    { choices: [{ delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x"' } }] } }] },
    { choices: [{ delta: { tool_calls: [{ index: 0, id: '', function: { name: null, arguments: ':1}' } }] } }] },
    { choices: [{ delta: { tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '' } }] } }] },
    { choices: [{ delta: {}, finish_reason: 'tool_calls' }] }
  ]))
  t.same(calls.map((call) => [call.name, call.arguments]), [['f', { x: 1 }], ['g', {}]])
  for (const call of calls) t.match(call.id, /^call_[a-z0-9]{8}$/)
})

t.test('calls without index, and a whole call in one chunk', async (t) => {
  const calls = toolCalls(run([
    { choices: [{ delta: { tool_calls: [{ id: 'a', function: { name: 'f', arguments: '{"q":"1"}' } }] } }] },
    { choices: [{ delta: { tool_calls: [{ id: 'b', function: { name: 'g', arguments: '{"q":' } }] } }] },
    { choices: [{ delta: { tool_calls: [{ function: { arguments: '"2"}' } }] } }] },
    { choices: [{ delta: {}, finish_reason: 'tool_calls' }] }
  ]))
  t.same(calls.map((call) => [call.name, call.arguments]), [['f', { q: '1' }], ['g', { q: '2' }]])
})

t.test('faults become error events', async (t) => {
  const mapper = new OpenAiStreamMapper()
  t.same(mapper.map({ data: '{"choices": [' }), [{ type: 'error', message: 'upstream sent a malformed stream frame' }])
  t.same(new OpenAiStreamMapper().map({ data: '{"error":{"message":"overloaded"}}' }), [{ type: 'error', message: 'overloaded' }])
  const truncated = run([{ choices: [{ delta: { content: 'Hi' } }] }], false)
  t.same(truncated.at(-1), { type: 'error', message: 'upstream stream ended before the answer was complete' })
  const badArguments = run([{ choices: [{ delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{oops' } }] }, finish_reason: 'tool_calls' }] }])
  t.match(badArguments.find((event) => event.type === 'error'), { message: /invalid arguments for tool call "f"/ })
})
