/**
 * The shared pieces on their own, each replica played by its own connection to one real Redis: circuit
 * openings and closings, and Gemini's thought signatures by tool-call id with their time to live.
 */
import t from 'tap'
import { SignatureMemory } from '../../providers/protocols/gemini/signature-memory.js'
import { shareCircuits } from '../../src/store/shared-circuits.js'
import { SharedRedis } from '../../src/store/shared-redis.js'
import { CircuitBreakers } from '../../src/upstream/circuit-breaker.js'
import { sharedTestRedis, startRedis, testKeyPrefix } from '../helpers/redis.js'

const silent = { info () {}, warn () {} }

async function replicas (t: Parameters<typeof sharedTestRedis>[0], count: number): Promise<SharedRedis[]> {
  const url = await sharedTestRedis(t)
  const keyPrefix = testKeyPrefix()
  const list: SharedRedis[] = []
  for (let index = 0; index < count; index++) {
    const redis = new SharedRedis({ url, keyPrefix, log: silent })
    t.teardown(() => redis.close())
    if (!await redis.connect()) throw new Error('Redis did not answer')
    list.push(redis)
  }
  return list
}

async function until (condition: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 100 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 20))
  return condition()
}

t.test('a circuit opened on one replica is open on the others, and a success anywhere closes it everywhere', async (t) => {
  const [redisA, redisB, redisC] = await replicas(t, 3)
  const options = { threshold: 2, cooldownMs: 60_000 }
  const a = new CircuitBreakers(options)
  const b = new CircuitBreakers(options)
  await shareCircuits(redisA!, a)
  await shareCircuits(redisB!, b)

  a.recordFailure('deepseek')
  t.notOk(a.isOpen('deepseek'))
  a.recordFailure('deepseek')
  t.ok(a.isOpen('deepseek'), 'open on A after the threshold')
  t.ok(await until(() => b.isOpen('deepseek')), 'open on B without a failure of its own')
  t.notOk(b.isOpen('openai'), 'other providers untouched')

  const late = new CircuitBreakers(options)
  await shareCircuits(redisC!, late)
  t.ok(late.isOpen('deepseek'), 'a replica started later reads the open circuit')

  b.recordSuccess('deepseek')
  t.ok(await until(() => !a.isOpen('deepseek') && !late.isOpen('deepseek')), 'closed everywhere after a success on B')
})

t.test('Gemini thought signatures kept on one replica are recalled on another, within their time to live', async (t) => {
  const [redisA, redisB] = await replicas(t, 2)
  const onA = new SignatureMemory({ shared: redisA!.entries('gemini-signatures'), ttlMs: 60_000 })
  const onB = new SignatureMemory({ shared: redisB!.entries('gemini-signatures'), ttlMs: 60_000 })
  onA.remember('call_abc', 'sig-from-a')
  t.equal(onB.recall('call_abc'), undefined, 'not in B\'s own memory')
  let loaded = false
  for (let attempt = 0; attempt < 50 && !loaded; attempt++) {
    await onB.preload(['call_abc', 'call_unknown'])
    loaded = onB.recall('call_abc') !== undefined
  }
  t.equal(onB.recall('call_abc'), 'sig-from-a')
  t.equal(onB.recall('call_unknown'), undefined)

  const shortLived = new SignatureMemory({ shared: redisA!.entries('short'), ttlMs: 50 })
  shortLived.remember('call_short', 'gone-soon')
  await new Promise((resolve) => setTimeout(resolve, 150))
  const elsewhere = new SignatureMemory({ shared: redisB!.entries('short'), ttlMs: 50 })
  await elsewhere.preload(['call_short'])
  t.equal(elsewhere.recall('call_short'), undefined, 'Redis forgot it with the same time to live')
})

t.test('the password comes from the URL, and never reaches the log', async (t) => {
  const redis = await startRedis(t, 'p4ss-w0rd-secret')
  const port = new URL(redis.url).port
  const lines: string[] = []
  const record = (details: Record<string, unknown>, message: string) => { lines.push(JSON.stringify(details) + message) }
  const log = { info: record, warn: record }

  const good = new SharedRedis({ url: `redis://:p4ss-w0rd-secret@127.0.0.1:${port}/2`, keyPrefix: testKeyPrefix(), log })
  t.teardown(() => good.close())
  t.equal(await good.connect(), true, 'connects with the URL\'s password')
  good.entries('probe').put('k', 'v', 10_000)
  let value: string | undefined
  for (let attempt = 0; attempt < 50 && value === undefined; attempt++) [value] = await good.entries('probe').getMany(['k'])
  t.equal(value, 'v')

  const wrong = new SharedRedis({ url: `redis://:not-the-p4ss-w0rd@127.0.0.1:${port}`, keyPrefix: testKeyPrefix(), log })
  t.teardown(() => wrong.close())
  t.equal(await wrong.connect(), false, 'a wrong password is an outage, not a crash')
  t.equal(wrong.available, false)
  t.equal(wrong.outages, 1)
  t.notOk(lines.some((line) => line.includes('p4ss-w0rd')), 'no password in any log line')
})
