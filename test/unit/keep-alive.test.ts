import t from 'tap'
import { parseGoDuration, parseKeepAlive } from '../../src/ollama/keep-alive.js'

t.test('numbers are seconds, strings are Go durations', async (t) => {
  t.equal(parseKeepAlive(undefined, 1234), 1234)
  t.equal(parseKeepAlive(0, 1234), 0)
  t.equal(parseKeepAlive(30, 0), 30_000)
  t.equal(parseKeepAlive(-1, 0), Infinity)
  t.equal(parseKeepAlive('5m', 0), 300_000)
  t.equal(parseKeepAlive('1h30m', 0), 5_400_000)
  t.equal(parseKeepAlive('0', 1), 0)
  t.equal(parseKeepAlive('-5m', 0), Infinity)
  t.equal(parseGoDuration('300ms'), 300e6)
  t.equal(parseGoDuration('1.5s'), 1.5e9)
})

t.test('Ollama\'s errors for bad values', async (t) => {
  t.throws(() => parseKeepAlive('300', 0), { message: 'time: missing unit in duration "300"', statusCode: 400 })
  t.throws(() => parseKeepAlive('soon', 0), { message: 'time: invalid duration "soon"' })
  t.throws(() => parseKeepAlive(true, 0), { message: "Unsupported type: 'bool'" })
})
