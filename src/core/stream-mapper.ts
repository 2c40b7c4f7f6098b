/** The contract every upstream protocol implements to read its stream: decoded messages in, ChatEvents out. */
import type { ChatEvent } from './chat-event.js'

/** One decoded message of an upstream stream: an SSE event, or one NDJSON line carried as `data`. */
export interface StreamMessage {
  /** The SSE `event:` name, when the upstream sends one (Anthropic); absent for plain `data:` streams and NDJSON. */
  readonly event?: string
  readonly data: string
}

/** Stateful, one per upstream stream (`Protocol.createStreamMapper()`); never throws. */
export interface StreamMapper {
  /** Events for one message; a malformed frame becomes an `error` event, never a throw. */
  map(message: StreamMessage): ChatEvent[]
  /** Events owed at the end of the stream (open tool calls; an error if the stream ended early). */
  flush(): ChatEvent[]
}
