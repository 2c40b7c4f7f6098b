/** Writes a writer's lines straight to the response socket: one write per upstream read, the last lines with the end. */
import type { Writable } from 'node:stream'

/**
 * Writes `first`, then every text `rest` yields, to `sink` (an HTTP response whose status and headers are set), and
 * ends it. Texts yielded within one turn of the event loop (all the lines one upstream read completed) go out as one
 * write, and the last ones together with the end, so a short answer costs one socket write: Node turns every write of
 * a chunked response into a chunk, and a separate `end()` into another write. Without a stream in between, nothing is
 * buffered twice.
 *
 * Backpressure: while the sink wants draining, `rest` is not pulled. When the sink closes (client gone) or an error is
 * thrown, `rest` is returned, so its `finally` blocks run and nothing more is pulled.
 * @param onFailure told of an error `rest` threw after the first text (the sink is then destroyed: the status is sent)
 * @returns when the sink ended or closed; never rejects
 */
export async function writeTextStream (sink: Writable, first: string, rest: AsyncIterator<string>, onFailure: (error: unknown) => void): Promise<void> {
  let pending = first
  let flushScheduled = false
  const flush = (): void => {
    flushScheduled = false
    if (pending === '' || sink.destroyed || sink.writableEnded) return
    const text = pending
    pending = ''
    sink.write(text)
  }
  const scheduleFlush = (): void => {
    if (flushScheduled) return
    flushScheduled = true
    // After this turn's I/O callbacks, ticks and microtasks: by then every line already read from upstream has been
    // added, the end of an answer that arrived whole included (undici signals a body's end a tick after its data).
    setImmediate(flush)
  }
  try {
    if (pending !== '') scheduleFlush()
    for (;;) {
      if (sink.writableNeedDrain) await drainedOrClosed(sink)
      if (sink.destroyed) return
      const { value, done } = await rest.next()
      if (sink.destroyed) return
      if (done === true) break
      pending += value
      scheduleFlush()
    }
    const text = pending
    pending = ''
    sink.end(text)
  } catch (error) {
    onFailure(error)
    sink.destroy()
  } finally {
    await rest.return?.(undefined).catch(() => {})
  }
}

/** Resolves on the sink's next `drain` or `close`, whichever comes first. */
async function drainedOrClosed (sink: Writable): Promise<void> {
  await new Promise<void>((resolve) => {
    const settle = (): void => {
      sink.off('drain', settle)
      sink.off('close', settle)
      resolve()
    }
    sink.once('drain', settle)
    sink.once('close', settle)
  })
}
