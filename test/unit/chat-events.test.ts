import t from 'tap'
import { Readable } from 'node:stream'
import type { ChatEvent } from '../../src/core/chat-event.js'
import { chatEvents } from '../../src/upstream/chat-events.js'
import type { StreamMapper, StreamMessage } from '../../src/core/stream-mapper.js'

/** Maps each frame's data to a text delta, or fails as its data says: the way a buggy mapper would. */
class ScriptedMapper implements StreamMapper {
  map (message: StreamMessage): ChatEvent[] {
    if (message.data === 'bug') throw new TypeError("Cannot read properties of null (reading 'choices')")
    return [{ type: 'text-delta', text: message.data }]
  }

  flush (): ChatEvent[] {
    return [{ type: 'finish', reason: 'stop' }]
  }
}

async function collect (body: Readable): Promise<ChatEvent[]> {
  const events: ChatEvent[] = []
  for await (const event of chatEvents(body, new ScriptedMapper(), new AbortController().signal)) events.push(event)
  return events
}

t.test('a transport failure mid-stream ends the events with an error event in the upstream\'s words', async (t) => {
  const body = new Readable({ read () {} })
  body.push('data: Hello\n\n')
  setImmediate(() => body.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })))
  t.same(await collect(body), [{ type: 'text-delta', text: 'Hello' }, { type: 'error', message: 'upstream connection reset' }])
})

t.test('a mapper that throws is our bug: it propagates, never an upstream error event', async (t) => {
  const body = Readable.from([Buffer.from('data: Hello\n\ndata: bug\n\n')])
  const seen: ChatEvent[] = []
  await t.rejects(async () => {
    for await (const event of chatEvents(body, new ScriptedMapper(), new AbortController().signal)) seen.push(event)
  }, { name: 'TypeError', message: "Cannot read properties of null (reading 'choices')" })
  t.same(seen, [{ type: 'text-delta', text: 'Hello' }])
  t.ok(body.destroyed, 'the upstream body is released')
})
