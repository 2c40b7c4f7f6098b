import t from 'tap'
import { ToolCallMemory } from '../../../../providers/shared/tool-call-memory.js'

t.test('tool-call memory is bounded and forgets old entries', async (t) => {
  const memory = new ToolCallMemory<string>({ maxEntries: 2, ttlMs: 60_000 })
  memory.remember('a', '1')
  memory.remember('b', '2')
  memory.remember('c', '3')
  t.equal(memory.recall('a'), undefined, 'the oldest went first')
  t.equal(memory.recall('c'), '3')
  const expired = new ToolCallMemory<string>({ ttlMs: -1 })
  expired.remember('a', '1')
  t.equal(expired.recall('a'), undefined)
})
