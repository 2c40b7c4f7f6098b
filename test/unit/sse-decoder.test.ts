import t from 'tap'
import type { StreamMessage } from '../../src/core/stream-mapper.js'
import { SseDecoder } from '../../src/upstream/sse-decoder.js'

function decode (pieces: Array<string | Buffer>): StreamMessage[] {
  const decoder = new SseDecoder()
  return [...pieces.flatMap((piece) => decoder.feed(Buffer.from(piece))), ...decoder.end()]
}

t.test('frames split anywhere, comments and event names', async (t) => {
  const messages = decode([': keep-alive\n\nda', 'ta: {"a":1}\n', '\nevent: ping\ndata: x\n\n', 'data: [DONE]\n\n'])
  t.same(messages, [{ data: '{"a":1}' }, { event: 'ping', data: 'x' }, { data: '[DONE]' }])
})

t.test('messages come out as soon as their frame is complete', async (t) => {
  const decoder = new SseDecoder()
  t.same(decoder.feed(Buffer.from('data: a\n')), [])
  t.same(decoder.feed(Buffer.from('\ndata: b')), [{ data: 'a' }])
  t.same(decoder.end(), [{ data: 'b' }])
})

t.test('a multibyte character split between chunks survives', async (t) => {
  const bytes = Buffer.from('data: 你好\n\n')
  t.same(decode([bytes.subarray(0, 7), bytes.subarray(7)]), [{ data: '你好' }])
})

t.test('a last event without its blank line is still delivered', async (t) => {
  t.same(decode(['data: tail']), [{ data: 'tail' }])
})
