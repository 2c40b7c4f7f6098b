/** Bytes to one message per non-empty line (Ollama's NDJSON), in the same shape the SSE decoder yields. */
import { Transform, type TransformCallback } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type { SseMessage } from './sse-decoder.js'

export class NdjsonDecoder extends Transform {
  private readonly decoder = new StringDecoder('utf8')
  private pending = ''

  constructor () {
    super({ readableObjectMode: true })
  }

  override _transform (chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending += this.decoder.write(chunk)
    let newline = this.pending.indexOf('\n')
    while (newline >= 0) {
      this.pushLine(this.pending.slice(0, newline))
      this.pending = this.pending.slice(newline + 1)
      newline = this.pending.indexOf('\n')
    }
    callback()
  }

  override _flush (callback: TransformCallback): void {
    // The last object may come without its newline when the server closes the stream.
    this.pushLine(this.pending + this.decoder.end())
    this.pending = ''
    callback()
  }

  private pushLine (line: string): void {
    const trimmed = line.trim()
    if (trimmed !== '') this.push({ data: trimmed } satisfies SseMessage)
  }
}
