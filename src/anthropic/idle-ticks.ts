/** Interleaves a marker into an async sequence whenever it stays silent too long, so a writer can send keep-alives. */

export const IDLE = Symbol('idle')

/**
 * Yields `source`'s items as they come, and `IDLE` after each `intervalMs` (milliseconds) without one.
 * Pulled like the source: nothing is read ahead, so backpressure is unchanged. When the consumer stops
 * early, the source is returned; if a read is still pending then, its return runs once that read settles
 * (whoever ended the answer destroys the upstream body, which settles it).
 */
export async function * withIdleTicks<T> (source: AsyncIterable<T>, intervalMs: number): AsyncGenerator<T | typeof IDLE> {
  const iterator = source[Symbol.asyncIterator]()
  let pending: Promise<IteratorResult<T>> | undefined
  let finished = false
  try {
    while (true) {
      const next = pending ?? iterator.next()
      pending = next
      let timer: NodeJS.Timeout | undefined
      const result = await new Promise<IteratorResult<T> | typeof IDLE>((resolve, reject) => {
        timer = setTimeout(resolve, intervalMs, IDLE)
        next.then(resolve, reject)
      }).finally(() => clearTimeout(timer))
      if (result === IDLE) {
        yield IDLE
        continue
      }
      pending = undefined
      if (result.done === true) {
        finished = true
        return
      }
      yield result.value
    }
  } finally {
    if (!finished) {
      const closing = iterator.return?.()
      // Awaiting a return queued behind a pending read could wait for a stalled upstream.
      if (pending === undefined) await closing
      else closing?.catch(() => {})
    }
  }
}
