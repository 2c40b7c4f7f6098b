import t from 'tap'
import { embedInBatches, type EmbedBatch } from '../../src/core/embed-batches.js'

const numbers = (count: number) => Array.from({ length: count }, (_, index) => index)

/** Resolves when the signal aborts, rejecting as a fetch would. */
const untilAborted = (signal: AbortSignal) => new Promise<never>((_resolve, reject) => {
  if (signal.aborted) reject(signal.reason)
  signal.addEventListener('abort', () => reject(signal.reason), { once: true })
})

t.test('splits to the batch size and reassembles in input order, whatever order batches finish in', async (t) => {
  const seen: Array<EmbedBatch<number>> = []
  const release: Array<() => void> = []
  const running = embedInBatches(numbers(25), { batchSize: 10, concurrency: 4 }, async (batch) => {
    seen.push(batch)
    await new Promise<void>((resolve) => release.push(resolve))
    return batch.inputs.map((input) => `vector-${input}`)
  })
  while (release.length < 3) await new Promise((resolve) => setImmediate(resolve))
  // Finish the last batch first, then the others backwards.
  for (const resolve of release.reverse()) resolve()
  const results = await running
  t.same(seen.map((batch) => [batch.start, batch.inputs.length]), [[0, 10], [10, 10], [20, 5]])
  t.same(results, numbers(25).map((input) => `vector-${input}`))
})

t.test('never has more batches in flight than the concurrency bound', async (t) => {
  let inFlight = 0
  let peak = 0
  const results = await embedInBatches(numbers(100), { batchSize: 3, concurrency: 4 }, async (batch) => {
    inFlight += 1
    peak = Math.max(peak, inFlight)
    // Uneven delays so that workers overtake each other.
    await new Promise((resolve) => setTimeout(resolve, (batch.start * 7) % 5))
    inFlight -= 1
    return batch.inputs.map((input) => input * 2)
  })
  t.equal(peak, 4)
  t.same(results, numbers(100).map((input) => input * 2))
})

t.test('one failed batch fails the run with its own error and aborts the batches in flight', async (t) => {
  const aborted: number[] = []
  const started: number[] = []
  const failure = new Error('batch size is invalid')
  const run = embedInBatches(numbers(50), { batchSize: 5, concurrency: 3 }, async (batch, signal) => {
    started.push(batch.start)
    if (batch.start === 5) {
      await new Promise((resolve) => setImmediate(resolve))
      throw failure
    }
    try {
      return await untilAborted(signal)
    } catch (error) {
      aborted.push(batch.start)
      throw error
    }
  })
  await t.rejects(run, failure, 'the first failure is reported, not the aborts it caused')
  t.same(started.sort((left, right) => left - right), [0, 5, 10], 'no batch starts after the failure')
  t.same(aborted.sort((left, right) => left - right), [0, 10], 'the others were aborted')
})

t.test('an outside abort stops the run', async (t) => {
  const controller = new AbortController()
  let calls = 0
  const run = embedInBatches(numbers(20), { batchSize: 2, concurrency: 2, signal: controller.signal }, async (batch, signal) => {
    calls += 1
    if (calls === 2) controller.abort(new Error('client gone'))
    return await untilAborted(signal).catch(() => { throw new Error(`aborted at ${batch.start}`) })
  })
  await t.rejects(run, /aborted at/)
  t.equal(calls, 2)
})

t.test('a batch answering the wrong number of results fails the run', async (t) => {
  await t.rejects(embedInBatches(numbers(4), { batchSize: 2, concurrency: 1 }, async (batch) => batch.inputs.slice(1)), /answered 1 results for 2 inputs/)
})

t.test('no inputs, no batches', async (t) => {
  let calls = 0
  t.same(await embedInBatches([], { batchSize: 10, concurrency: 4 }, async () => { calls += 1; return [] }), [])
  t.equal(calls, 0)
})
