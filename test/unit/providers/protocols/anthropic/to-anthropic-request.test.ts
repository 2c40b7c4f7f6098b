import t from 'tap'
import { anthropicDescriptor } from '../../../../../providers/presets/anthropic.js'
import { toAnthropicRequest } from '../../../../../providers/protocols/anthropic/to-anthropic-request.js'
import type { ModelCard } from '../../../../../src/core/capabilities.js'

const card = (id: string, maxOutputTokens?: number): ModelCard => ({ id, capabilities: ['completion', 'tools', 'thinking'], contextLength: 200_000, family: 'claude', ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }) })
const context = (id = 'claude-sonnet-4-5', maxOutputTokens?: number) => ({ descriptor: anthropicDescriptor, card: card(id, maxOutputTokens) })

t.test('max_tokens is always sent; sampling options map unless thinking is on', async (t) => {
  const plain = toAnthropicRequest({ messages: [{ role: 'user', content: 'hi' }], options: { temperature: 1.5, topP: 0.5, topK: 7, stop: ['END'] } }, context('claude-sonnet-4-5', 64_000))
  t.match(plain, { model: 'claude-sonnet-4-5', max_tokens: 64_000, stream: true, temperature: 1, top_k: 7, stop_sequences: ['END'] })
  t.notOk('top_p' in plain, 'Claude 4.5 refuses temperature with top_p: temperature is kept')
  t.match(toAnthropicRequest({ messages: [{ role: 'user', content: 'hi' }], options: { temperature: 0.5, topP: 0.5 } }, context('claude-opus-4-1')), { temperature: 0.5, top_p: 0.5 }, 'older models take both')
  t.equal(toAnthropicRequest({ messages: [], options: {} }, context('fake')).max_tokens, 8192, 'default when the card has none')
  t.same(toAnthropicRequest({ messages: [], options: { stop: ['\n\n', 'User:'] } }, context()).stop_sequences, ['User:'], 'whitespace-only stops are refused upstream')
  t.equal(toAnthropicRequest({ messages: [], options: { maxTokens: 100 } }, context()).max_tokens, 100)
  const thinking = toAnthropicRequest({ messages: [], options: { temperature: 0.2, maxTokens: 20_000 }, think: 'low' }, context())
  t.same(thinking.thinking, { type: 'enabled', budget_tokens: 2048 })
  t.notOk('temperature' in thinking)
  t.same(toAnthropicRequest({ messages: [], options: { maxTokens: 1000 }, think: true }, context()).thinking, { type: 'disabled' }, 'no room for the smallest budget')
  t.same(toAnthropicRequest({ messages: [], options: {}, think: false }, context()).thinking, { type: 'disabled' })
  t.notOk('thinking' in toAnthropicRequest({ messages: [], options: {} }, context()), 'absent think keeps the model default')
})

t.test('newer models: adaptive thinking with an effort, no sampling options', async (t) => {
  const body = toAnthropicRequest({ messages: [], options: { temperature: 0.3 }, think: 'high' }, context('claude-opus-4-7', 128_000))
  t.same(body.thinking, { type: 'adaptive', display: 'summarized' })
  t.same(body.output_config, { effort: 'high' })
  t.notOk('temperature' in toAnthropicRequest({ messages: [], options: { temperature: 0.3 } }, context('claude-opus-4-7')))
})

t.test('system messages join on top; roles alternate; empty text is left out', async (t) => {
  const body = toAnthropicRequest({
    messages: [
      { role: 'system', content: 'A' },
      { role: 'user', content: 'one' },
      { role: 'user', content: 'two' },
      { role: 'system', content: 'B' },
      { role: 'assistant', content: '' },
      { role: 'assistant', content: 'ok' }
    ],
    options: {},
    format: 'json'
  }, context())
  t.equal(body.system, 'A\n\nB\n\nRespond with one JSON object only, without any text around it.')
  t.same(body.messages, [
    { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'ok' }] }
  ])
  const schema = { type: 'object', properties: { a: { type: 'string' } } }
  t.same(toAnthropicRequest({ messages: [], options: {}, format: schema }, context()).output_config, { format: { type: 'json_schema', schema } })
})

t.test('tool results share one user message and keep client ids (made safe)', async (t) => {
  const body = toAnthropicRequest({
    messages: [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: 'Calling.', toolCalls: [{ id: 'call.1', name: 'a', arguments: { x: 1 } }, { name: 'b', arguments: {} }] },
      { role: 'tool', content: 'B', toolName: 'b' },
      { role: 'tool', content: 'A', toolCallId: 'call.1' }
    ],
    options: {}
  }, context())
  t.same(body.messages[1], { role: 'assistant', content: [{ type: 'text', text: 'Calling.' }, { type: 'tool_use', id: 'call_1', name: 'a', input: { x: 1 } }, { type: 'tool_use', id: 'call_1_1', name: 'b', input: {} }] })
  t.same(body.messages[2], { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1_1', content: 'B' }, { type: 'tool_result', tool_use_id: 'call_1', content: 'A' }] })
})

t.test('thinking the client carried back goes first in its turn, signature and redacted data untouched', async (t) => {
  const body = toAnthropicRequest({
    messages: [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: '', thinking: 'Use the tool.', thinkingSignature: 'sig-from-client', redactedThinking: ['opaque-data'], toolCalls: [{ id: 'toolu_unknown_here', name: 'get_weather', arguments: { city: 'Tokyo' } }] },
      { role: 'tool', content: 'sunny', toolCallId: 'toolu_unknown_here' }
    ],
    options: { maxTokens: 20_000 },
    think: 'low'
  }, context())
  t.same(body.messages[1]!.content, [
    { type: 'thinking', thinking: 'Use the tool.', signature: 'sig-from-client' },
    { type: 'redacted_thinking', data: 'opaque-data' },
    { type: 'tool_use', id: 'toolu_unknown_here', name: 'get_weather', input: { city: 'Tokyo' } }
  ])
  t.same(body.thinking, { type: 'enabled', budget_tokens: 2048 }, 'carried signatures keep thinking on, with no memory of the call')

  const forgotten = toAnthropicRequest({
    messages: [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: '', thinking: 'Use the tool.', toolCalls: [{ id: 'toolu_unknown_here', name: 'get_weather', arguments: {} }] },
      { role: 'tool', content: 'sunny', toolCallId: 'toolu_unknown_here' }
    ],
    options: { maxTokens: 20_000 },
    think: 'low'
  }, context())
  t.same(forgotten.thinking, { type: 'disabled' }, 'unsigned thinking and no memory: thinking is switched off, as before')
})
