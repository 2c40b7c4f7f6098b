import { Writable } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import t from 'tap'
import { writeTextStream } from '../../../src/core/text-stream.js'

/** A sink that records each write and the text given to end(), as a response's socket would see them. */
function recorder (options: { highWaterMark?: number, hold?: boolean } = {}): { sink: Writable, writes: string[], release: () => void } {
  const writes: string[] = []
  const held: Array<() => void> = []
  let holding = options.hold === true
  const sink = new Writable({
    highWaterMark: options.highWaterMark ?? 16 * 1024,
    decodeStrings: false,
    write (chunk: string, _encoding, callback) {
      writes.push(chunk)
      if (holding) held.push(callback)
      else callback()
    }
  })
  return {
    sink,
    writes,
    release: () => {
      holding = false
      for (const callback of held.splice(0)) callback()
    }
  }
}

t.test('lines ready in one turn are one write; the last lines go out with the end', async (t) => {
  async function * rest () {
    yield 'b\n'
    yield 'c\n'
    await nextTurn()
    yield 'd\n'
    await nextTurn()
    yield 'e\n'
    yield 'f\n'
  }
  const { sink, writes } = recorder()
  let ended = ''
  const end = sink.end.bind(sink)
  sink.end = ((text: string) => { ended = text; return end(text) }) as typeof sink.end
  await writeTextStream(sink, 'a\n', rest(), () => t.fail('no failure'))
  t.same(writes, ['a\nb\nc\n', 'd\n', 'e\nf\n'])
  t.equal(ended, 'e\nf\n', 'the final lines were handed to end(), not written before it')
  t.ok(sink.writableEnded)
})

t.test('a one-line answer is a single end() call', async (t) => {
  async function * rest () {}
  const { sink, writes } = recorder()
  await writeTextStream(sink, 'only\n', rest(), () => t.fail('no failure'))
  t.same(writes, ['only\n'])
  t.ok(sink.writableEnded)
})

t.test('a sink that closes stops the pulling and returns the sequence', async (t) => {
  let finished = false
  let pulled = 0
  async function * rest () {
    try {
      for (;;) {
        pulled++
        yield 'line\n'
        await nextTurn()
      }
    } finally {
      finished = true
    }
  }
  const { sink } = recorder()
  const done = writeTextStream(sink, 'first\n', rest(), () => t.fail('no failure'))
  await nextTurn()
  await nextTurn()
  sink.destroy()
  await done
  t.ok(finished, 'the sequence was returned')
  const pulledAtClose = pulled
  await nextTurn()
  t.equal(pulled, pulledAtClose, 'nothing is pulled after close')
})

t.test('an error after the first line is reported and destroys the sink, after the lines before it', async (t) => {
  async function * rest (): AsyncGenerator<string> {
    yield 'second\n'
    await nextTurn()
    throw new Error('writer failed')
  }
  const { sink, writes } = recorder()
  const failures: unknown[] = []
  await writeTextStream(sink, 'first\n', rest(), (error) => failures.push(error))
  t.same(writes, ['first\nsecond\n'])
  t.equal((failures[0] as Error).message, 'writer failed')
  t.ok(sink.destroyed)
  t.notOk(sink.writableEnded, 'a failed answer is not ended as if complete')
})

t.test('a sink that does not drain stops the pulling (backpressure), and pulling resumes on drain', async (t) => {
  let pulled = 0
  async function * rest () {
    for (let index = 0; index < 1000; index++) {
      pulled++
      yield 'x'.repeat(1024) + '\n'
      await nextTurn()
    }
  }
  const { sink, release } = recorder({ highWaterMark: 16 * 1024, hold: true })
  const done = writeTextStream(sink, '', rest(), () => t.fail('no failure'))
  for (let turn = 0; turn < 100; turn++) await nextTurn()
  t.ok(pulled < 40, `pulled ${pulled} lines of 1 KB into a 16 KB buffer, then stopped`)
  const stalled = pulled
  release()
  for (let turn = 0; turn < 10; turn++) await nextTurn()
  t.ok(pulled > stalled, 'a drain lets the pulling go on')
  sink.destroy()
  await done
})
