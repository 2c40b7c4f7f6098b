import t from 'tap'
import { gzipSync, brotliCompressSync, deflateSync } from 'node:zlib'
import { compress, init } from '@bokuweb/zstd-wasm'
import { decodeBody, readContentCoding, zstdWindowSizes } from '../../../src/core/content-encoding.js'

const MIB = 1024 * 1024
const body = Buffer.from(JSON.stringify({ model: 'm', input: 'hello '.repeat(2000) }))

/** A zstd frame header (magic, descriptor 0x00: no content size, no dictionary), window descriptor byte, then the given blocks. */
const zstdFrame = (windowDescriptor: number, blocks: number[][]): Buffer =>
  Buffer.from([0x28, 0xB5, 0x2F, 0xFD, 0x00, windowDescriptor, ...blocks.flat()])
// A last raw block of size 0.
const EMPTY_LAST_BLOCK = [0x01, 0x00, 0x00]
// An RLE block regenerating 128 KiB of 'a': header (131072 << 3) | (1 << 1) = 0x100002, then the byte.
const RLE_128K = [0x02, 0x00, 0x10, 0x61]
const RLE_128K_LAST = [0x03, 0x00, 0x10, 0x61]

t.test('Content-Encoding names one coding, case-insensitively; lists and unknown codings are refused', async (t) => {
  t.equal(readContentCoding(undefined), 'identity')
  t.equal(readContentCoding(''), 'identity')
  t.equal(readContentCoding('identity'), 'identity')
  t.equal(readContentCoding('ZSTD'), 'zstd')
  t.equal(readContentCoding('x-gzip'), 'gzip')
  t.equal(readContentCoding(' br '), 'br')
  t.equal(readContentCoding('compress'), undefined)
  t.equal(readContentCoding('gzip, zstd'), undefined)
})

t.test('zstd from a real encoder, gzip, deflate and br decode to the original bytes', async (t) => {
  await init()
  t.same(await decodeBody(Buffer.from(compress(body, 3)), 'zstd', MIB), body)
  t.same(await decodeBody(Buffer.from(compress(body, 19)), 'zstd', MIB), body, 'a high level with a larger window')
  // Two frames back to back are one stream (RFC 8878 §3.1).
  const twice = Buffer.concat([Buffer.from(compress(body.subarray(0, 100), 3)), Buffer.from(compress(body.subarray(100), 3))])
  t.same(await decodeBody(twice, 'zstd', MIB), body)
  t.same(await decodeBody(gzipSync(body), 'gzip', MIB), body)
  t.same(await decodeBody(deflateSync(body), 'deflate', MIB), body)
  t.same(await decodeBody(brotliCompressSync(body), 'br', MIB), body)
})

t.test('a decoded body past the limit is 413, however small the encoded one', async (t) => {
  const bomb = zstdFrame(0x50, [...Array(20).fill(RLE_128K), RLE_128K_LAST])
  t.ok(bomb.length < 100, 'under 100 bytes on the wire')
  await t.rejects(decodeBody(bomb, 'zstd', MIB), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }, '2.6 MiB of RLE blocks')
  t.equal((await decodeBody(zstdFrame(0x50, [RLE_128K, RLE_128K_LAST]), 'zstd', MIB)).length, 256 * 1024, 'the same blocks within the limit decode')
  await t.rejects(decodeBody(gzipSync(Buffer.alloc(2 * MIB)), 'gzip', MIB), { code: 'FST_ERR_CTP_BODY_TOO_LARGE' })
  await t.rejects(decodeBody(brotliCompressSync(Buffer.alloc(2 * MIB)), 'br', MIB), { code: 'FST_ERR_CTP_BODY_TOO_LARGE' })
})

t.test('a zstd frame claiming a window larger than the limit is refused before any allocation', async (t) => {
  // Window descriptor 0xA0: exponent 20, so a 2^30-byte (1 GiB) window, in 9 bytes.
  t.same(zstdWindowSizes(zstdFrame(0xA0, [EMPTY_LAST_BLOCK])), [2 ** 30])
  await t.rejects(decodeBody(zstdFrame(0xA0, [EMPTY_LAST_BLOCK]), 'zstd', MIB), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })
  // Window descriptor 0x53: exponent 10, mantissa 3, so 2^20 + 3 * 2^17 bytes.
  t.same(zstdWindowSizes(zstdFrame(0x53, [EMPTY_LAST_BLOCK])), [MIB + 3 * 128 * 1024])
})

t.test('data that is not valid in its coding is a 400 naming the coding', async (t) => {
  await t.rejects(decodeBody(Buffer.from('{"model":"m"}'), 'zstd', MIB), { statusCode: 400, message: 'failed to decompress zstd body' })
  await t.rejects(decodeBody(zstdFrame(0x50, [RLE_128K]), 'zstd', MIB), { message: 'failed to decompress zstd body' }, 'a frame cut before its last block')
  await t.rejects(decodeBody(Buffer.from('not gzip'), 'gzip', MIB), { statusCode: 400, message: 'failed to decompress gzip body' })
})
