/** Bytes to one message per non-empty line (Ollama's NDJSON), in the same shape and interface as the SSE decoder. */
import { StringDecoder } from 'node:string_decoder'
import type { StreamMessage } from '../core/stream-mapper.js'

export class NdjsonDecoder {
  private readonly decoder = new StringDecoder('utf8')
  private pending = ''

  /** Messages for the lines this chunk completed. */
  feed (chunk: Buffer): StreamMessage[] {
    this.pending += this.decoder.write(chunk)
    const messages: StreamMessage[] = []
    let newline = this.pending.indexOf('\n')
    while (newline >= 0) {
      pushLine(messages, this.pending.slice(0, newline))
      this.pending = this.pending.slice(newline + 1)
      newline = this.pending.indexOf('\n')
    }
    return messages
  }

  /** The last object may come without its newline when the server closes the stream. */
  end (): StreamMessage[] {
    const messages: StreamMessage[] = []
    pushLine(messages, this.pending + this.decoder.end())
    this.pending = ''
    return messages
  }
}

function pushLine (messages: StreamMessage[], line: string): void {
  const trimmed = line.trim()
  if (trimmed !== '') messages.push({ data: trimmed })
}
