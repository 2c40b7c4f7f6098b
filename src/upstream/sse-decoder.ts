/** Bytes to SSE messages: a Node Transform around eventsource-parser, owning its UTF-8 decoding. */
import { Transform, type TransformCallback } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser'

export interface SseMessage {
  /** The `event:` name, when the upstream sends one (Anthropic); absent for plain `data:` streams. */
  readonly event?: string
  readonly data: string
}

/** Object-mode readable side: one SseMessage per event. `data: [DONE]` ends nothing here; mappers decide. */
export class SseDecoder extends Transform {
  private readonly decoder = new StringDecoder('utf8')
  private readonly parser: EventSourceParser

  constructor () {
    super({ readableObjectMode: true })
    this.parser = createParser({
      onEvent: (message: EventSourceMessage) => {
        this.push(message.event === undefined ? { data: message.data } : { event: message.event, data: message.data })
      }
    })
  }

  override _transform (chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.parser.feed(this.decoder.write(chunk))
    callback()
  }

  override _flush (callback: TransformCallback): void {
    // A final event without its blank line still counts, as browsers' EventSource treats a closed stream.
    this.parser.feed(this.decoder.end() + '\n\n')
    callback()
  }
}
