import t from 'tap'
import type { ChatEvent } from '../../../../../src/core/chat-event.js'
import { OpenAiStreamMapper } from '../../../../../providers/protocols/openai-compatible/stream-mapper.js'

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

t.test('tolerance: null index, repeated ids, id-less whole calls, finish on the call chunk', async (t) => {
  const repeatedIds = toolCalls(run([
    { choices: [{ delta: { tool_calls: [{ index: null, id: 'call_a', function: { name: 'f', arguments: '{"x":' } }] } }] },
    { choices: [{ delta: { tool_calls: [{ index: null, id: 'call_a', function: { arguments: '1}' } }] } }] },
    { choices: [{ delta: { tool_calls: [{ index: null, id: 'call_b', function: { name: 'g', arguments: '{}' } }] } }] },
    { choices: [{ delta: {}, finish_reason: 'tool_calls' }] }
  ]))
  t.same(repeatedIds.map((call) => [call.name, call.arguments]), [['f', { x: 1 }], ['g', {}]], 'a repeated id continues its call')
  const idless = toolCalls(run([
    { choices: [{ delta: { tool_calls: [{ function: { name: 'f', arguments: '{"a":1}' } }] } }] },
    { choices: [{ delta: { tool_calls: [{ function: { name: 'g', arguments: '{"b":2}' } }] } }] },
    { choices: [{ delta: {}, finish_reason: 'stop' }] }
  ]))
  t.same(idless.map((call) => [call.name, call.arguments]), [['f', { a: 1 }], ['g', { b: 2 }]], 'a name after a complete call opens the next')
  const sameChunk = toolCalls(run([
    { choices: [{ delta: { tool_calls: [{ index: 0, id: 'x', function: { name: 'f', arguments: '{}' } }] }, finish_reason: 'tool_calls' }] }
  ]))
  t.same(sameChunk.map((call) => call.name), ['f'], 'a call and its finish in one chunk')
})

t.test('text before and after tool calls streams as text; calls come whole, in index order, with Ollama ids', async (t) => {
  const events = run([
    { choices: [{ delta: { content: 'Checking. ' } }] },
    { choices: [{ delta: { tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{}' } }] } }] },
    { choices: [{ delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"q":"z"}' } }] } }] },
    { choices: [{ delta: { content: 'Done.' } }] },
    { choices: [{ delta: {}, finish_reason: 'tool_calls' }], usage: { prompt_tokens: 1, completion_tokens: 2 } }
  ])
  t.same(events.map((event) => event.type), ['text-delta', 'text-delta', 'tool-call', 'tool-call', 'usage', 'finish'])
  t.same(toolCalls(events).map((call) => call.name), ['f', 'g'])
  for (const call of toolCalls(events)) t.match(call.id, /^call_[a-z0-9]{8}$/, 'upstream ids are replaced by Ollama-style ids')
  t.same(events.at(-1), { type: 'finish', reason: 'stop' }, 'finish_reason tool_calls stays Ollama\'s stop')
})

t.test('legacy completions text (fill-in-the-middle) becomes text deltas', async (t) => {
  const events = run([
    { choices: [{ index: 0, text: 'a + ', finish_reason: null }] },
    { choices: [{ index: 0, text: 'b', finish_reason: 'length' }] },
    { choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } }
  ])
  t.same(events, [
    { type: 'text-delta', text: 'a + ' },
    { type: 'text-delta', text: 'b' },
    { type: 'usage', promptTokens: 3, completionTokens: 2 },
    { type: 'finish', reason: 'length' }
  ])
})

t.test('reasoning under either field name streams as thinking, apart from content', async (t) => {
  const events = run([
    { choices: [{ delta: { reasoning_content: 'a', content: null } }] },
    { choices: [{ delta: { reasoning: 'b' } }] },
    { choices: [{ delta: { content: 'c' }, finish_reason: 'stop' }] }
  ])
  t.same(events.slice(0, 3), [{ type: 'thinking-delta', text: 'a' }, { type: 'thinking-delta', text: 'b' }, { type: 'text-delta', text: 'c' }])
})
