import t from 'tap'
import { CircuitBreakers } from '../../src/upstream/circuit-breaker.js'

t.test('opens after the threshold, cools down, then lets one probe through', async (t) => {
  let now = 0
  const breakers = new CircuitBreakers({ threshold: 3, cooldownMs: 1000 }, () => now)
  breakers.recordFailure('a')
  breakers.recordFailure('a')
  t.notOk(breakers.isOpen('a'), 'below the threshold')
  breakers.recordSuccess('a')
  breakers.recordFailure('a')
  breakers.recordFailure('a')
  t.notOk(breakers.isOpen('a'), 'a success resets the count')
  breakers.recordFailure('a')
  t.ok(breakers.isOpen('a'), 'open at the threshold')
  t.notOk(breakers.isOpen('b'), 'per provider')
  now = 999
  t.ok(breakers.isOpen('a'))
  now = 1000
  t.notOk(breakers.isOpen('a'), 'half-open after the cooldown')
  breakers.recordFailure('a')
  t.ok(breakers.isOpen('a'), 'one failed probe reopens at once')
  now = 2500
  t.notOk(breakers.isOpen('a'))
  breakers.recordSuccess('a')
  breakers.recordFailure('a')
  t.notOk(breakers.isOpen('a'), 'a successful probe closes it')
})

t.test('isCoolingDown reads the state without letting a probe through; onOpen hears each opening once', async (t) => {
  let now = 0
  const opened: string[] = []
  const breakers = new CircuitBreakers({ threshold: 2, cooldownMs: 1000, onOpen: (providerId) => opened.push(providerId) }, () => now)
  breakers.recordFailure('a')
  t.notOk(breakers.isCoolingDown('a'))
  breakers.recordFailure('a')
  t.ok(breakers.isCoolingDown('a'), 'open at the threshold')
  t.same(opened, ['a'])
  breakers.recordFailure('a')
  t.same(opened, ['a'], 'a failure while open extends the cooldown, it does not open again')
  now = 2000
  t.notOk(breakers.isCoolingDown('a'), 'the cooldown is over')
  t.notOk(breakers.isCoolingDown('a'), 'reading twice changes nothing')
  breakers.recordFailure('a')
  t.same(opened, ['a', 'a'], 'a failure after the cooldown opens it again')
  t.notOk(breakers.isCoolingDown('b'))
})
