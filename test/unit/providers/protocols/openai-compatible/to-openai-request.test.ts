import t from 'tap'
import { toOpenAiRequest } from '../../../../../providers/protocols/openai-compatible/to-openai-request.js'
import { openAiDescriptor } from '../../../../../providers/presets/openai.js'
import type { ProviderQuirks } from '../../../../../providers/protocols/openai-compatible/quirks.js'

const card = openAiDescriptor.models.find((model) => model.id === 'gpt-4.1')!
const context = (quirks: Partial<ProviderQuirks> = {}) => ({
  descriptor: { ...openAiDescriptor, quirks: { ...openAiDescriptor.quirks, ...quirks } },
  card
})
const PNG = 'iVBORw0KGgoAAAANSUhEUg'

t.test('options, format, usage request and images', async (t) => {
  const body = toOpenAiRequest({
    messages: [{ role: 'user', content: 'look', images: [PNG] }],
    options: { temperature: 0.2, topP: 0.5, maxTokens: 10, stop: ['x'], seed: 3, presencePenalty: 1, frequencyPenalty: 2 },
    format: 'json'
  }, context())
  t.match(body, {
    model: card.id,
    stream: true,
    stream_options: { include_usage: true },
    temperature: 0.2,
    top_p: 0.5,
    max_completion_tokens: 10,
    stop: ['x'],
    seed: 3,
    presence_penalty: 1,
    frequency_penalty: 2,
    response_format: { type: 'json_object' }
  })
  t.same(body.messages[0], { role: 'system', content: 'Respond with JSON.' }, 'JSON mode needs the word json somewhere')
  t.same(body.messages[1]!.content, [{ type: 'text', text: 'look' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }])
  const schema = { type: 'object', properties: { a: { type: 'string' } } }
  t.same(toOpenAiRequest({ messages: [], options: {}, format: schema }, context()).response_format, { type: 'json_schema', json_schema: { name: 'response', schema } })
})

t.test('tool results pair with calls by name, then order, when the client sent no ids', async (t) => {
  const body = toOpenAiRequest({
    messages: [
      { role: 'user', content: 'weather and time?' },
      { role: 'assistant', content: '', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'get_time', arguments: {} }] },
      { role: 'tool', content: '12:00', toolName: 'get_time' },
      { role: 'tool', content: 'sunny' }
    ],
    options: {}
  }, context())
  const assistant = body.messages[1]!
  t.same(assistant.tool_calls?.map((call) => [call.id, call.function.name, call.function.arguments]), [
    ['call_1_0', 'get_weather', '{"city":"Paris"}'],
    ['call_1_1', 'get_time', '{}']
  ])
  t.equal(assistant.content, null)
  t.same(body.messages.slice(2).map((message) => message.tool_call_id), ['call_1_1', 'call_1_0'])
})

t.test('client-sent tool call ids are kept', async (t) => {
  const body = toOpenAiRequest({
    messages: [
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_abc', name: 'f', arguments: {} }] },
      { role: 'tool', content: 'r', toolCallId: 'call_abc' }
    ],
    options: {}
  }, context())
  t.equal(body.messages[0]!.tool_calls?.[0]?.id, 'call_abc')
  t.equal(body.messages[1]!.tool_call_id, 'call_abc')
})

t.test('think reaches each provider\'s switch, false included', async (t) => {
  const request = (think: boolean | 'high' | 'max') => ({ messages: [], options: {}, think })
  t.equal(toOpenAiRequest(request('high'), context()).reasoning_effort, 'high')
  t.equal(toOpenAiRequest(request('max'), context()).reasoning_effort, 'high')
  t.equal(toOpenAiRequest(request(true), context()).reasoning_effort, 'medium')
  t.equal(toOpenAiRequest(request(false), context()).reasoning_effort, undefined)
  t.equal(toOpenAiRequest(request(false), context({ thinkingControl: 'enable-thinking' })).enable_thinking, false)
  t.same(toOpenAiRequest(request(false), context({ thinkingControl: 'thinking-type' })).thinking, { type: 'disabled' })
  t.same(toOpenAiRequest(request(true), context({ thinkingControl: 'thinking-type' })).thinking, { type: 'enabled' })
})
