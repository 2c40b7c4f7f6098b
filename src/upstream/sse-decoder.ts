/** Bytes to SSE messages: an incremental decoder around eventsource-parser that owns its UTF-8 decoding. */
import { StringDecoder } from 'node:string_decoder'
import { createParser, type EventSourceParser } from 'eventsource-parser'
import type { StreamMessage } from '../core/stream-mapper.js'

/**
 * Pure and synchronous: feed it chunks, take the messages they completed. No stream of its own,
 * so the caller's async iteration over the body is the only stream machinery on the hot path.
 */
export class SseDecoder {
  private readonly decoder = new StringDecoder('utf8')
  private readonly parser: EventSourceParser
  private pending: StreamMessage[] = []

  constructor () {
    this.parser = createParser({
      onEvent: (message) => {
        this.pending.push(message.event === undefined ? { data: message.data } : { event: message.event, data: message.data })
      }
    })
  }

  /** Messages completed by this chunk (a multibyte character split across chunks is kept for the next). */
  feed (chunk: Buffer): StreamMessage[] {
    this.parser.feed(this.decoder.write(chunk))
    return this.take()
  }

  /** Messages owed at the end: a final event without its blank line still counts, as EventSource treats a closed stream. */
  end (): StreamMessage[] {
    this.parser.feed(this.decoder.end() + '\n\n')
    return this.take()
  }

  private take (): StreamMessage[] {
    if (this.pending.length === 0) return []
    const messages = this.pending
    this.pending = []
    return messages
  }
}
