import t from 'tap'
import type { ModelCard } from '../../../../../src/core/capabilities.js'
import type { ProviderQuirks } from '../../../../../providers/protocols/openai-compatible/quirks.js'
import type { NormalisedChatRequest } from '../../../../../src/core/chat-request.js'
import { JSON_INSTRUCTION, toOpenAiRequest } from '../../../../../providers/protocols/openai-compatible/to-openai-request.js'
import { openAiDescriptor } from '../../../../../providers/presets/openai.js'

const gpt41 = openAiDescriptor.models.find((model) => model.id === 'gpt-4.1')!
const o3 = openAiDescriptor.models.find((model) => model.id === 'o3')!
const BASE_QUIRKS: ProviderQuirks = { thinkingControl: 'none', streamUsageOption: false }

function build (request: Partial<NormalisedChatRequest>, quirks: Partial<ProviderQuirks> = {}, card: ModelCard = gpt41) {
  return toOpenAiRequest({ messages: [{ role: 'user', content: 'Hi' }], options: {}, ...request }, {
    descriptor: { ...openAiDescriptor, quirks: { ...BASE_QUIRKS, ...quirks } },
    card
  })
}

const SCHEMA = { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] }

t.test('format json: json_object, and the word json added only when no message has it', async (t) => {
  const body = build({ format: 'json' })
  t.same(body.response_format, { type: 'json_object' })
  t.same(body.messages, [{ role: 'system', content: JSON_INSTRUCTION }, { role: 'user', content: 'Hi' }])
  const withSystem = build({ format: 'json', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] })
  t.same(withSystem.messages[0], { role: 'system', content: `Be brief.\n\n${JSON_INSTRUCTION}` }, 'joined to the leading system message')
  t.equal(withSystem.messages.length, 2)
  const mentioned = build({ format: 'json', messages: [{ role: 'user', content: 'Answer as JSON please' }] })
  t.same(mentioned.messages, [{ role: 'user', content: 'Answer as JSON please' }], 'a message that says json is enough')
  t.same(build({ format: 'json' }, { jsonModeNeedsJsonWord: false }).messages, [{ role: 'user', content: 'Hi' }], 'providers without the rule get the messages as sent')
})

t.test('format schema: json_schema where the provider has it, else json_object plus the schema as an instruction', async (t) => {
  const native = build({ format: SCHEMA }, { jsonSchemaOutput: true })
  t.same(native.response_format, { type: 'json_schema', json_schema: { name: 'response', schema: SCHEMA } })
  t.same(native.messages, [{ role: 'user', content: 'Hi' }])
  const fallback = build({ format: SCHEMA })
  t.same(fallback.response_format, { type: 'json_object' })
  t.same(fallback.messages[0], { role: 'system', content: `Respond with JSON that conforms to this JSON schema: ${JSON.stringify(SCHEMA)}` })
  t.match(fallback.messages[0]!.content, /json/i, 'the instruction satisfies the json-word rule')
})

t.test('sampling: OpenAI fields always, extras only where accepted, nothing a reasoning model rejects', async (t) => {
  const options = { temperature: 0.2, topP: 0.9, topK: 20, minP: 0.05, repeatPenalty: 1.1, maxTokens: 64, stop: ['END'], seed: 7, presencePenalty: 0.5, frequencyPenalty: 0.25 }
  const plain = build({ options })
  t.match(plain, { temperature: 0.2, top_p: 0.9, max_tokens: 64, stop: ['END'], seed: 7, presence_penalty: 0.5, frequency_penalty: 0.25 })
  for (const key of ['top_k', 'min_p', 'repetition_penalty', 'max_completion_tokens']) t.notOk(key in plain, `${key} not sent by default`)
  const extras = build({ options }, { extraSampling: ['top_k', 'min_p', 'repetition_penalty'] })
  t.match(extras, { top_k: 20, min_p: 0.05, repetition_penalty: 1.1 })
  const completionTokens = build({ options }, { maxTokensField: 'max_completion_tokens' })
  t.equal(completionTokens.max_completion_tokens, 64)
  t.notOk('max_tokens' in completionTokens)
  const reasoning = build({ options }, { extraSampling: ['top_k'] }, o3)
  for (const key of ['temperature', 'top_p', 'presence_penalty', 'frequency_penalty', 'top_k']) t.notOk(key in reasoning, `${key} dropped for a reasoning model`)
  t.match(reasoning, { stop: ['END'], seed: 7 })
  t.equal(build({ options }, {}, { ...gpt41, maxTokensField: 'max_completion_tokens' }).max_completion_tokens, 64, 'a model can override the provider')
})

t.test('tools go upstream as functions, without tool_choice', async (t) => {
  const parameters = { type: 'object', properties: { city: { type: 'string' } } }
  const body = build({ tools: [{ name: 'get_weather', description: 'Weather', parameters }] })
  t.same(body.tools, [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters } }])
  t.notOk('tool_choice' in body)
  t.notOk('tools' in build({ tools: [] }), 'an empty list is omitted (DashScope rejects [])')
})

t.test('tool history: deterministic ids, results paired by tool_name then order, client ids kept', async (t) => {
  const messages: NormalisedChatRequest['messages'] = [
    { role: 'user', content: 'Weather and time?' },
    { role: 'assistant', content: '', toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }, { name: 'get_time', arguments: {} }, { name: 'get_weather', arguments: { city: 'Oslo' } }] },
    { role: 'tool', content: '12:00', toolName: 'get_time' },
    { role: 'tool', content: 'sunny', toolName: 'get_weather' },
    { role: 'tool', content: 'snow' },
    { role: 'assistant', content: 'Done.' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'call_client1', name: 'f', arguments: {} }] },
    { role: 'tool', content: 'r', toolCallId: 'call_client1' }
  ]
  const first = build({ messages })
  const second = build({ messages })
  t.same(first, second, 'the same history always maps to the same body')
  t.same(first.messages[1]!.tool_calls!.map((call) => call.id), ['call_1_0', 'call_1_1', 'call_1_2'])
  t.same(first.messages.slice(2, 5).map((message) => message.tool_call_id), ['call_1_1', 'call_1_0', 'call_1_2'])
  t.equal(first.messages[6]!.tool_calls![0]!.id, 'call_client1')
  t.equal(first.messages[7]!.tool_call_id, 'call_client1')
  t.equal(first.messages[1]!.content, null, 'an empty assistant text is null beside tool calls')
})

t.test('thinking in history: dropped by default, forwarded as reasoning_content where the provider wants it', async (t) => {
  const messages: NormalisedChatRequest['messages'] = [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello', thinking: 'greet back' },
    { role: 'assistant', content: '', toolCalls: [{ name: 'f', arguments: {} }] },
    { role: 'tool', content: 'r', toolName: 'f' }
  ]
  const dropped = build({ messages })
  t.notOk(dropped.messages.some((message) => 'reasoning_content' in message))
  const forwarded = build({ messages }, { reasoningHistory: 'forward' })
  t.equal(forwarded.messages[1]!.reasoning_content, 'greet back')
  t.equal(forwarded.messages[2]!.reasoning_content, '', 'a tool-call turn always carries it (DeepSeek V4 400s otherwise)')
  t.notOk('reasoning_content' in forwarded.messages[0]!)
})

t.test('images: data URLs with the sniffed MIME type, text first', async (t) => {
  const jpeg = '/9j/4AAQSkZJRgABAQ=='
  const gif = 'R0lGODlhAQABAAAAACw='
  const body = build({ messages: [{ role: 'user', content: 'Compare', images: [jpeg, gif] }] })
  t.same(body.messages[0]!.content, [
    { type: 'text', text: 'Compare' },
    { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${jpeg}` } },
    { type: 'image_url', image_url: { url: `data:image/gif;base64,${gif}` } }
  ])
})
