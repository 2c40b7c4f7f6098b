import { createHash } from 'node:crypto'
import t from 'tap'
import { KeyLimits, secondsToNextUtcDay, utcDay } from '../../src/core/key-limits.js'

t.test('defaults apply to every key; an entry by the key or its sha256 replaces them field by field', async (t) => {
  const hashed = createHash('sha256').update('key-b').digest('hex')
  const limits = new KeyLimits({ requestsPerMinute: 10, tokensPerDay: 1000, keys: [{ key: 'key-a', requestsPerMinute: 2 }, { key: `sha256:${hashed.toUpperCase()}`, tokensPerDay: 5 }] })
  t.ok(limits.enabled)
  t.same(limits.forKey('key-a')?.limit, { requestsPerMinute: 2, tokensPerDay: 1000 })
  t.same(limits.forKey('key-b')?.limit, { requestsPerMinute: 10, tokensPerDay: 5 })
  t.equal(limits.forKey('key-b')?.id, hashed, 'counted under the key\'s hash, never the key')
  t.same(limits.forKey('key-c')?.limit, { requestsPerMinute: 10, tokensPerDay: 1000 })
})

t.test('no limit anywhere: disabled, and a key without limits has no entry', async (t) => {
  t.notOk(new KeyLimits(undefined).enabled)
  t.notOk(new KeyLimits({ keys: [] }).enabled)
  const onlyOne = new KeyLimits({ keys: [{ key: 'key-a', requestsPerMinute: 1 }] })
  t.ok(onlyOne.enabled)
  t.equal(onlyOne.forKey('key-z'), undefined)
})

t.test('the token budget\'s day is the UTC day; it frees up at the next UTC midnight', async (t) => {
  const now = Date.parse('2026-11-30T23:59:30.200Z')
  t.equal(utcDay(now), '2026-11-30')
  t.equal(secondsToNextUtcDay(now), 30)
  t.equal(secondsToNextUtcDay(Date.parse('2026-12-01T00:00:00.000Z')), 86_400)
})
