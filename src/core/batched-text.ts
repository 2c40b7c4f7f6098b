/** A Readable over a writer's lines that writes every line ready at once as one chunk. */
import { Readable } from 'node:stream'

/**
 * Like `Readable.from(texts)`, but the strings the sequence yields within one turn of the event loop (all the
 * lines one upstream read completed) are pushed as one chunk. Node's response turns every pushed chunk into an
 * HTTP chunk with four socket writes, so one chunk per read instead of one per line is most of the cost of
 * relaying a streamed answer. The sequence is pulled only while the consumer wants more (backpressure), and
 * destroying the stream ends it with `return()`, so its `finally` blocks run. An error the sequence throws
 * destroys the stream with it, after whatever it yielded before.
 */
export function batchedText (texts: AsyncGenerator<string>): Readable {
  return new BatchedText(texts)
}

class BatchedText extends Readable {
  private pending = ''
  private flushScheduled = false
  /** The consumer asked for more and no push has said stop since. */
  private wanted = false
  private running = false

  constructor (private readonly texts: AsyncGenerator<string>) {
    super()
  }

  override _read (): void {
    this.wanted = true
    if (!this.running) void this.run()
  }

  override _destroy (error: Error | null, callback: (error?: Error | null) => void): void {
    this.wanted = false
    this.texts.return(undefined).then(() => callback(error), (closeError: unknown) => callback(error ?? closeError as Error))
  }

  private async run (): Promise<void> {
    this.running = true
    try {
      while (this.wanted && !this.destroyed) {
        const { value, done } = await this.texts.next()
        if (this.destroyed) return
        if (done === true) {
          this.flush()
          this.push(null)
          return
        }
        this.pending += value
        // A tick runs once the microtasks are drained: by then every line already buffered upstream has been added.
        if (!this.flushScheduled) {
          this.flushScheduled = true
          process.nextTick(() => this.flush())
        }
      }
    } catch (error) {
      this.flush()
      this.destroy(error as Error)
    } finally {
      this.running = false
    }
  }

  private flush (): void {
    this.flushScheduled = false
    if (this.pending === '' || this.destroyed) return
    const text = this.pending
    this.pending = ''
    if (!this.push(text)) this.wanted = false
  }
}
