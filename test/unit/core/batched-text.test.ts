import { setImmediate as nextTurn } from 'node:timers/promises'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import t from 'tap'
import { batchedText } from '../../../src/core/batched-text.js'

/** A writable that records every chunk it was given, as text. */
function recorder (): { sink: Writable, chunks: string[] } {
  const chunks: string[] = []
  const sink = new Writable({
    write (chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString())
      callback()
    }
  })
  return { sink, chunks }
}

t.test('lines ready in one turn go out as one chunk; lines from later turns as their own', async (t) => {
  async function * lines () {
    yield 'a\n'
    yield 'b\n'
    yield 'c\n'
    await nextTurn()
    yield 'd\n'
    await nextTurn()
    yield 'e\n'
    yield 'f\n'
  }
  const { sink, chunks } = recorder()
  await pipeline(batchedText(lines()), sink)
  t.same(chunks, ['a\nb\nc\n', 'd\n', 'e\nf\n'])
})

t.test('destroying the stream ends the sequence, so its finally blocks run', async (t) => {
  let finished = false
  let pulled = 0
  async function * lines () {
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
  const source = batchedText(lines())
  source.on('data', () => {})
  await nextTurn()
  await nextTurn()
  source.destroy()
  await new Promise((resolve) => source.once('close', resolve))
  t.ok(finished, 'the generator was returned')
  const pulledAtClose = pulled
  await nextTurn()
  t.equal(pulled, pulledAtClose, 'nothing is pulled after close')
})

t.test('an error thrown by the sequence destroys the stream after the lines yielded before it', async (t) => {
  async function * lines () {
    yield 'first\n'
    throw new Error('writer failed')
  }
  const { sink, chunks } = recorder()
  await t.rejects(pipeline(batchedText(lines()), sink), { message: 'writer failed' })
  t.same(chunks, ['first\n'])
})

t.test('a consumer that does not read stops the pulling (backpressure)', async (t) => {
  let pulled = 0
  async function * lines () {
    for (;;) {
      pulled++
      yield 'x'.repeat(1024) + '\n'
      await nextTurn()
    }
  }
  const source = batchedText(lines())
  source.pause()
  source.read(0)
  for (let turn = 0; turn < 100; turn++) await nextTurn()
  t.ok(pulled < 40, `pulled ${pulled} lines of 1 KB into a 16 KB buffer, then stopped`)
  source.destroy()
})
