/** An upstream SSE (or NDJSON) body as an async sequence of ChatEvents; transport failures become a final `error` event. */
import type { Readable } from 'node:stream'
import type { ChatEvent } from '../core/chat-event.js'
import type { StreamFraming } from '../core/protocol.js'
import type { StreamMapper } from '../core/stream-mapper.js'
import { NdjsonDecoder } from './ndjson-decoder.js'
import { SseDecoder } from './sse-decoder.js'
import { describeTransportError, isInternalFailure } from './transport-errors.js'

/**
 * Pull-based, so a slow client pauses the upstream read. Stopping early (client gone, error sent)
 * ends the iteration over the body, which destroys it and closes the upstream socket.
 */
export async function * chatEvents (body: Readable, mapper: StreamMapper, signal: AbortSignal, framing: StreamFraming = 'sse'): AsyncGenerator<ChatEvent> {
  const decoder = framing === 'ndjson' ? new NdjsonDecoder() : new SseDecoder()
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      for (const message of decoder.feed(chunk)) {
        for (const event of mapper.map(message)) {
          yield event
          if (event.type === 'error') return
        }
      }
    }
  } catch (error) {
    if (signal.aborted) return
    // A bug of ours (a mapper that threw) is not the provider's failure: the writer's caller answers it.
    if (isInternalFailure(error)) throw error
    yield { type: 'error', message: describeTransportError(error).message }
    return
  } finally {
    body.destroy()
  }
  for (const message of decoder.end()) {
    for (const event of mapper.map(message)) {
      yield event
      if (event.type === 'error') return
    }
  }
  yield * mapper.flush()
}
