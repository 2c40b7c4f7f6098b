import { Readable } from 'node:stream'
import t from 'tap'
import { SseDecoder, type SseMessage } from '../../src/upstream/sse-decoder.js'

async function decode (pieces: Array<string | Buffer>): Promise<SseMessage[]> {
  const messages: SseMessage[] = []
  const decoder = Readable.from(pieces.map((piece) => Buffer.from(piece))).pipe(new SseDecoder())
  for await (const message of decoder) messages.push(message as SseMessage)
  return messages
}

t.test('frames split anywhere, comments and event names', async (t) => {
  const messages = await decode([': keep-alive\n\nda', 'ta: {"a":1}\n', '\nevent: ping\ndata: x\n\n', 'data: [DONE]\n\n'])
  t.same(messages, [{ data: '{"a":1}' }, { event: 'ping', data: 'x' }, { data: '[DONE]' }])
})

t.test('a multibyte character split between chunks survives', async (t) => {
  const bytes = Buffer.from('data: 你好\n\n')
  const messages = await decode([bytes.subarray(0, 7), bytes.subarray(7)])
  t.same(messages, [{ data: '你好' }])
})

t.test('a last event without its blank line is still delivered', async (t) => {
  t.same(await decode(['data: tail']), [{ data: 'tail' }])
})
