import t from 'tap'
import { ToolCallPairing } from '../../../../providers/shared/tool-call-pairing.js'

t.test('pairing results without ids: by id, by name, then by order', async (t) => {
  const pairing = new ToolCallPairing()
  t.same(pairing.openTurn({ role: 'assistant', content: '', toolCalls: [{ name: 'a', arguments: {} }, { id: 'x', name: 'b', arguments: {} }, { name: 'c', arguments: {} }] }, 4), [{ id: 'call_4_0', name: 'a' }, { id: 'x', name: 'b' }, { id: 'call_4_2', name: 'c' }])
  t.same(pairing.claim({ role: 'tool', content: '', toolCallId: 'x' }), { id: 'x', name: 'b' })
  t.same(pairing.claim({ role: 'tool', content: '', toolName: 'c' }), { id: 'call_4_2', name: 'c' })
  t.same(pairing.claim({ role: 'tool', content: '' }), { id: 'call_4_0', name: 'a' })
  t.same(pairing.claim({ role: 'tool', content: '', toolName: 'z' }), { id: 'call_unpaired', name: 'z' })
})
