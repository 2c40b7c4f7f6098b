import t from 'tap'
import { Readable } from 'node:stream'
import { chatEvents } from '../../src/upstream/chat-events.js'
import { NdjsonDecoder } from '../../src/upstream/ndjson-decoder.js'
import { OllamaStreamMapper } from '../../providers/protocols/ollama/stream-mapper.js'

async function decode (pieces: Buffer[]): Promise<unknown[]> {
  const decoder = new NdjsonDecoder()
  return [...pieces.flatMap((piece) => decoder.feed(piece)), ...decoder.end()]
}

t.test('lines split across chunks, multibyte characters split across chunks, blank lines, a last line without newline', async (t) => {
  const text = Buffer.from('{"a":"你好"}\n\n{"b":2}\r\n{"c":3}')
  const pieces = [text.subarray(0, 8), text.subarray(8, 17), text.subarray(17)]
  t.same(await decode(pieces), [{ data: '{"a":"你好"}' }, { data: '{"b":2}' }, { data: '{"c":3}' }])
})

t.test('chatEvents decodes NDJSON when the protocol says so', async (t) => {
  const lines = [
    { message: { role: 'assistant', content: '', thinking: 'hm' }, done: false },
    { message: { role: 'assistant', content: 'Hi' }, done: false },
    { message: { role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: '{"x":1}' } }] }, done: false },
    { message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 3, eval_count: 2, load_duration: 5, prompt_eval_duration: 6, eval_duration: 7 }
  ]
  const body = Readable.from([Buffer.from(lines.map((line) => JSON.stringify(line)).join('\n') + '\n')])
  const events = []
  for await (const event of chatEvents(body, new OllamaStreamMapper(), new AbortController().signal, 'ndjson')) events.push(event)
  t.match(events, [
    { type: 'thinking-delta', text: 'hm' },
    { type: 'text-delta', text: 'Hi' },
    { type: 'tool-call', toolCall: { name: 'f', arguments: { x: 1 } } },
    { type: 'usage', promptTokens: 3, completionTokens: 2, durations: { loadNs: 5, promptEvalNs: 6, evalNs: 7 } },
    { type: 'finish', reason: 'stop' }
  ])
  t.match((events[2] as { toolCall: { id: string } }).toolCall.id, /^call_[a-z0-9]{8}$/, 'an id is made when the upstream sent none')
})

t.test('Ollama stream faults', async (t) => {
  t.same(new OllamaStreamMapper().map({ data: '{"error":"boom"}' }), [{ type: 'error', message: 'boom' }])
  t.same(new OllamaStreamMapper().map({ data: '{"message":' }), [{ type: 'error', message: 'upstream sent a malformed stream frame' }])
  const mapper = new OllamaStreamMapper()
  mapper.map({ data: '{"message":{"content":"Hi"},"done":false}' })
  t.same(mapper.flush(), [{ type: 'error', message: 'upstream stream ended before the answer was complete' }])
  t.match(new OllamaStreamMapper().map({ data: '{"message":{"content":"","tool_calls":[{"function":{"name":"f","arguments":"{bad"}}]},"done":false}' }), [{ type: 'error', message: 'upstream sent invalid arguments for tool call "f"' }])
})
