import t from 'tap'
import { readInputItems } from '../../../src/responses/read-input.js'
import { encodeReasoningState } from '../../../src/responses/reasoning-state.js'

// base64url of {"t":"Checking.","s":"sig-1","r":["redacted-1"],"c":[["call_a","gsig-a"]]}
const STATE = 'oadp1.eyJ0IjoiQ2hlY2tpbmcuIiwicyI6InNpZy0xIiwiciI6WyJyZWRhY3RlZC0xIl0sImMiOltbImNhbGxfYSIsImdzaWctYSJdXX0'
// base64url of {"t":"Second thought.","s":"sig-2"}
const SECOND_STATE = 'oadp1.eyJ0IjoiU2Vjb25kIHRob3VnaHQuIiwicyI6InNpZy0yIn0'

t.test('a replayed turn: reasoning, text and calls make one assistant message, outputs tool messages', async (t) => {
  t.same(readInputItems([
    { role: 'developer', content: 'Be careful.' },
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather?' }, { type: 'input_text', text: 'And time?' }] },
    { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Checking.' }], encrypted_content: STATE },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me check.' }] },
    { type: 'function_call', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
    { type: 'function_call', call_id: 'call_b', name: 'get_time', arguments: '' },
    { type: 'function_call_output', call_id: 'call_a', output: 'sunny' },
    { type: 'function_call_output', call_id: 'call_b', output: [{ type: 'input_text', text: '12:00' }] },
    { type: 'message', role: 'user', content: 'Thanks' }
  ]), [
    { role: 'system', content: 'Be careful.' },
    { role: 'user', content: 'Weather?\nAnd time?' },
    {
      role: 'assistant',
      content: 'Let me check.',
      thinking: 'Checking.',
      thinkingSignature: 'sig-1',
      redactedThinking: ['redacted-1'],
      toolCalls: [
        { id: 'call_a', name: 'get_weather', arguments: { city: 'Tokyo' }, signature: 'gsig-a' },
        { id: 'call_b', name: 'get_time', arguments: {} }
      ]
    },
    { role: 'tool', content: 'sunny', toolCallId: 'call_a', toolName: 'get_weather' },
    { role: 'tool', content: '12:00', toolCallId: 'call_b', toolName: 'get_time' },
    { role: 'user', content: 'Thanks' }
  ])
})

t.test('a reasoning item from another server: its visible text stands in, its blob is not read', async (t) => {
  t.same(readInputItems([
    { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Plan A.' }, { type: 'summary_text', text: 'Plan B.' }], encrypted_content: 'gAAAAABoXk2f==' },
    { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' }
  ]), [{ role: 'assistant', content: '', thinking: 'Plan A.\n\nPlan B.', toolCalls: [{ id: 'c1', name: 'f', arguments: {} }] }])
  t.same(readInputItems([{ type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'Raw thoughts.' }] }]), [{ role: 'assistant', content: '', thinking: 'Raw thoughts.' }])
})

t.test('one signed thinking block per turn: a second one is dropped rather than sent under a signature that no longer covers it', async (t) => {
  t.same(readInputItems([
    { type: 'reasoning', summary: [], encrypted_content: STATE },
    { type: 'function_call', call_id: 'call_a', name: 'f', arguments: '{}' },
    { type: 'reasoning', summary: [], encrypted_content: SECOND_STATE },
    { type: 'function_call', call_id: 'call_c', name: 'f', arguments: '{}' }
  ])[0], {
    role: 'assistant',
    content: '',
    thinking: 'Checking.',
    thinkingSignature: 'sig-1',
    redactedThinking: ['redacted-1'],
    toolCalls: [{ id: 'call_a', name: 'f', arguments: {}, signature: 'gsig-a' }, { id: 'call_c', name: 'f', arguments: {} }]
  })
})

t.test('the state the writer encodes is what the reader restores', async (t) => {
  const encrypted = encodeReasoningState({ thinking: 'Hmm, "quotes" & ünïcode', thinkingSignature: 'sig', callSignatures: new Map([['call_x', 'gx']]) })
  t.match(encrypted, /^oadp1\.[A-Za-z0-9_-]+$/)
  t.same(readInputItems([{ type: 'reasoning', summary: [], encrypted_content: encrypted }, { type: 'function_call', call_id: 'call_x', name: 'f', arguments: '{}' }]), [
    { role: 'assistant', content: '', thinking: 'Hmm, "quotes" & ünïcode', thinkingSignature: 'sig', toolCalls: [{ id: 'call_x', name: 'f', arguments: {}, signature: 'gx' }] }
  ])
})

t.test('malformed items and altered state are refused with the item named', async (t) => {
  const refusals: Array<[Array<Record<string, unknown>>, string | RegExp]> = [
    [[{ content: 'no type or role' }], "input[0]: input item missing required 'type' field"],
    [[{ type: 'message', role: 'tool', content: 'x' }], 'input[0]: invalid message role: "tool"'],
    [[{ type: 'message', role: 'user', content: [{ type: 'input_audio' }] }], 'input[0].content[0]: unknown content type: "input_audio"'],
    [[{ type: 'message', role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }], 'file inputs are not currently supported'],
    [[{ type: 'message', role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }], /^input\[0\]\.content\[0\]: images by file_id need stored files/],
    [[{ type: 'item_reference', id: 'msg_1' }], /^input\[0\]: item_reference needs stored responses/],
    [[{ type: 'function_call', call_id: 'c', name: 'f', arguments: '[1]' }], 'input[0].arguments must be a JSON object'],
    [[{ type: 'function_call_output', output: 'x' }], 'input[0].call_id must be a string'],
    [[{ type: 'reasoning', summary: [], encrypted_content: 'oadp1.e30!' }], 'input[0].encrypted_content is not valid reasoning state from this server'],
    // base64url of {"t":1}: a field of the wrong type.
    [[{ type: 'reasoning', summary: [], encrypted_content: 'oadp1.eyJ0IjoxfQ' }], 'input[0].encrypted_content is not valid reasoning state from this server'],
    // base64url of {"x":"y"}: a field this server never writes.
    [[{ type: 'reasoning', summary: [], encrypted_content: 'oadp1.eyJ4IjoieSJ9' }], 'input[0].encrypted_content is not valid reasoning state from this server']
  ]
  for (const [items, message] of refusals) t.throws(() => readInputItems(items), { statusCode: 400, message }, String(message))
})
