import t from 'tap'
import { elapsedNs, formatTimestamp } from '../../src/core/ollama-time.js'

t.test('created_at is RFC 3339 UTC with a trimmed nanosecond fraction', async (t) => {
  const stamp = formatTimestamp()
  t.match(stamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/)
  t.notMatch(stamp, /0Z$/, 'trailing zeros are trimmed')
  t.ok(Math.abs(Date.parse(stamp) - Date.now()) < 1000, 'close to the wall clock')
})

t.test('durations are positive integers', async (t) => {
  t.equal(elapsedNs(5n, 5n), 1)
  t.equal(elapsedNs(5n, 1_000_005n), 1_000_000)
})
