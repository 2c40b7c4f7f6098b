/** An upstream SSE body as an async sequence of ChatEvents; transport failures become a final `error` event. */
import { pipeline, type Readable } from 'node:stream'
import type { ChatEvent } from '../core/chat-event.js'
import type { StreamFraming } from '../core/protocol.js'
import { NdjsonDecoder } from './ndjson-decoder.js'
import { SseDecoder, type SseMessage } from './sse-decoder.js'
import { describeTransportError } from './transport-errors.js'

export interface StreamMapper {
  /** Events for one SSE message (or one NDJSON line, as `data`); a malformed frame becomes an `error` event, never a throw. */
  map(message: SseMessage): ChatEvent[]
  /** Events owed at the end of the stream (open tool calls; an error if the stream ended early). */
  flush(): ChatEvent[]
}

/**
 * Pull-based, so a slow client pauses the upstream read. Stopping early (client gone, error sent)
 * destroys the decoder and, through the pipeline, the upstream body and its socket.
 */
export async function * chatEvents (body: Readable, mapper: StreamMapper, signal: AbortSignal, framing: StreamFraming = 'sse'): AsyncGenerator<ChatEvent> {
  const decoder = framing === 'ndjson' ? new NdjsonDecoder() : new SseDecoder()
  pipeline(body, decoder, () => {})
  try {
    for await (const message of decoder as AsyncIterable<SseMessage>) {
      for (const event of mapper.map(message)) {
        yield event
        if (event.type === 'error') return
      }
    }
  } catch (error) {
    if (signal.aborted) return
    yield { type: 'error', message: describeTransportError(error).message }
    return
  }
  yield * mapper.flush()
}
