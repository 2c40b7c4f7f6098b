/**
 * Request bodies that arrive compressed (`Content-Encoding`): Codex sends zstd, other clients gzip,
 * deflate or br. Each is decoded whole, and neither the encoded nor the decoded bytes may pass the
 * body limit, so a small "zip bomb" body cannot make the server allocate more than the limit.
 */
import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { brotliDecompress, gunzip, inflate, type ZlibOptions } from 'node:zlib'
import { errorCodes } from 'fastify'
import { Decompress } from 'fzstd'
import { BodyDecodingError } from '../errors.js'

export type ContentCoding = 'gzip' | 'deflate' | 'br' | 'zstd'

const CODINGS: Readonly<Record<string, ContentCoding | 'identity'>> = { gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate', br: 'br', zstd: 'zstd', identity: 'identity' }

/**
 * The one coding a `Content-Encoding` header names (case-insensitive), `identity` when it names none,
 * `undefined` for a coding (or a list of several) this server cannot decode.
 */
export function readContentCoding (header: string | undefined): ContentCoding | 'identity' | undefined {
  if (header === undefined || header.trim() === '') return 'identity'
  return CODINGS[header.trim().toLowerCase()]
}

type ZlibDecoder = (buffer: Buffer, options: ZlibOptions) => Promise<Buffer>
const ZLIB: Readonly<Record<Exclude<ContentCoding, 'zstd'>, ZlibDecoder>> = {
  gzip: promisify<Buffer, ZlibOptions, Buffer>(gunzip),
  deflate: promisify<Buffer, ZlibOptions, Buffer>(inflate),
  br: promisify<Buffer, ZlibOptions, Buffer>(brotliDecompress)
}

const ZSTD_MAGIC = 0xFD2FB528
const ZSTD_SKIPPABLE_MAGIC = 0x184D2A50

/**
 * Decodes one whole body. Throws Fastify's FST_ERR_CTP_BODY_TOO_LARGE (413) when the decoded body
 * would pass `limit` bytes, and BodyDecodingError (400) when the data is not valid in its coding.
 */
export async function decodeBody (encoded: Buffer, coding: ContentCoding, limit: number): Promise<Buffer> {
  if (coding === 'zstd') return decodeZstd(encoded, limit)
  try {
    return await ZLIB[coding](encoded, { maxOutputLength: limit })
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE()
    throw new BodyDecodingError(coding)
  }
}

/**
 * zstd (RFC 8878) through fzstd, which emits one block (at most 128 KiB) at a time, so the running
 * total is checked as it grows. Each frame's window is checked first: the decoder allocates it up
 * front, and a frame may claim up to 2 GiB in a few bytes.
 */
function decodeZstd (encoded: Buffer, limit: number): Buffer {
  const tooLarge = new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE()
  let windows: number[]
  try {
    windows = zstdWindowSizes(encoded)
  } catch {
    throw new BodyDecodingError('zstd')
  }
  if (windows.some((window) => window > limit)) throw tooLarge
  const blocks: Uint8Array[] = []
  let length = 0
  const decoder = new Decompress((block) => {
    length += block.length
    if (length > limit) throw tooLarge
    blocks.push(block)
  })
  try {
    decoder.push(encoded, true)
  } catch (error) {
    if (error === tooLarge) throw tooLarge
    throw new BodyDecodingError('zstd')
  }
  return Buffer.concat(blocks, length)
}

/**
 * The window size in bytes of every zstd frame in `data`, walking frame headers and block headers
 * (skippable frames are stepped over). Throws on anything that is not a well-formed frame sequence.
 * @see https://www.rfc-editor.org/rfc/rfc8878#section-3.1.1
 */
export function zstdWindowSizes (data: Buffer): number[] {
  const windows: number[] = []
  let offset = 0
  const need = (bytes: number): void => {
    if (offset + bytes > data.length) throw new RangeError('truncated zstd data')
  }
  while (offset < data.length) {
    need(4)
    const magic = data.readUInt32LE(offset)
    if (((magic & 0xFFFFFFF0) >>> 0) === ZSTD_SKIPPABLE_MAGIC) {
      need(8)
      offset += 8 + data.readUInt32LE(offset + 4)
      need(0)
      continue
    }
    if (magic !== ZSTD_MAGIC) throw new RangeError('not a zstd frame')
    need(5)
    const descriptor = data[offset + 4] as number
    if ((descriptor & 0x08) !== 0) throw new RangeError('reserved bit set')
    const singleSegment = (descriptor >> 5) & 1
    const contentSizeFlag = descriptor >> 6
    const dictionaryIdBytes = [0, 1, 2, 4][descriptor & 3] as number
    const contentSizeBytes = contentSizeFlag === 0 ? singleSegment : 1 << contentSizeFlag
    offset += 5
    let window = 0
    if (singleSegment === 0) {
      need(1)
      const descriptorByte = data[offset] as number
      const base = 2 ** (10 + (descriptorByte >> 3))
      window = base + (base / 8) * (descriptorByte & 7)
      offset += 1
    }
    need(dictionaryIdBytes + contentSizeBytes)
    offset += dictionaryIdBytes
    if (singleSegment === 1) {
      // The window is the content size; a 2-byte field counts from 256.
      window = data.readUIntLE(offset, Math.min(contentSizeBytes, 6)) + (contentSizeBytes === 2 ? 256 : 0)
      if (contentSizeBytes === 8 && data.readUInt16LE(offset + 6) !== 0) window = Number.MAX_SAFE_INTEGER
    }
    offset += contentSizeBytes
    windows.push(window)
    for (let last = false; !last;) {
      need(3)
      const header = data.readUIntLE(offset, 3)
      last = (header & 1) === 1
      const type = (header >> 1) & 3
      if (type === 3) throw new RangeError('reserved block type')
      // An RLE block stores one byte, repeated `size` times.
      offset += 3 + (type === 1 ? 1 : header >>> 3)
    }
    if (((descriptor >> 2) & 1) === 1) offset += 4
    need(0)
  }
  return windows
}

/** A body stream as Fastify's `preParsing` hook may return it: the decoded bytes, with the encoded count Fastify checks Content-Length against. */
export interface DecodedBody extends Readable {
  receivedEncodedLength: number
}

/**
 * The decoded body of `encoded`, read whole first. Reading stops (without destroying the request, so
 * the 413 can still be sent) once the encoded bytes pass `limit`.
 */
export function decodedBodyStream (encoded: Readable, coding: ContentCoding, limit: number): DecodedBody {
  async function * decode (): AsyncGenerator<Buffer> {
    const chunks: Buffer[] = []
    let length = 0
    for await (const chunk of encoded.iterator({ destroyOnReturn: false })) {
      length += (chunk as Buffer).length
      if (length > limit) throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE()
      chunks.push(chunk as Buffer)
    }
    decoded.receivedEncodedLength = length
    yield await decodeBody(Buffer.concat(chunks, length), coding, limit)
  }
  const decoded = Object.assign(Readable.from(decode(), { objectMode: false }), { receivedEncodedLength: 0 })
  return decoded
}
