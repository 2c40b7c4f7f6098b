import t from 'tap'
import type { ChatEvent } from '../../../src/core/chat-event.js'
import type { NormalisedChatRequest } from '../../../src/core/chat-request.js'
import { cutAtStops, unsentStops } from '../../../src/core/stop-cutter.js'
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base'

const chat: NormalisedChatRequest = { messages: [{ role: 'user', content: 'Hello' }], options: {} }

const text = (value: string): ChatEvent => ({ type: 'text-delta', text: value })

async function * source (events: ChatEvent[]): AsyncGenerator<ChatEvent> {
  for (const event of events) yield event
}

async function collect (events: ChatEvent[], stops: string[]): Promise<ChatEvent[]> {
  const out: ChatEvent[] = []
  for await (const event of cutAtStops(source(events), stops, chat)) out.push(event)
  return out
}

const joined = (events: ChatEvent[]) => events.map((event) => event.type === 'text-delta' ? event.text : '').join('')

t.test('cuts at a stop string split across deltas, with done reason stop and nothing after', async (t) => {
  const out = await collect([text('Hello wo'), text('rld. EN'), text('D and more'), { type: 'tool-call', toolCall: { id: 'c', name: 'f', arguments: {} } }, { type: 'finish', reason: 'length' }], ['END'])
  t.equal(joined(out), 'Hello world. ')
  t.same(out.at(-1), { type: 'finish', reason: 'stop' })
  t.equal(out.filter((event) => event.type === 'finish').length, 1)
  const usage = out.at(-2)
  t.equal(usage?.type, 'usage', 'the usage the provider would have sent after the cut is estimated')
  if (usage?.type === 'usage') {
    t.ok(usage.promptTokens >= countTokens('Hello'), 'the input, framing included')
    t.ok(usage.completionTokens >= countTokens('Hello world. ') && usage.completionTokens <= 'Hello world. '.length, 'the text let out')
  }
  t.notOk(out.some((event) => event.type === 'tool-call'), 'nothing after the cut')
})

t.test('usage the provider reported before the cut is kept, not estimated', async (t) => {
  const out = await collect([{ type: 'usage', promptTokens: 7, completionTokens: 1 }, text('a b')], ['b'])
  t.same(out.filter((event) => event.type === 'usage'), [{ type: 'usage', promptTokens: 7, completionTokens: 1 }])
})

t.test('the earliest of several stop strings wins', async (t) => {
  t.equal(joined(await collect([text('a b c d')], ['d', 'b'])), 'a ')
  t.equal(joined(await collect([text('x'), text('y'), text('z')], ['yz', 'xyz0'])), 'x')
})

t.test('without a stop string the text passes whole, in order with other events', async (t) => {
  const events: ChatEvent[] = [text('E'), text('N'), { type: 'thinking-delta', text: 'hm' }, text('Dx'), { type: 'usage', promptTokens: 1, completionTokens: 2 }, { type: 'finish', reason: 'length' }]
  const out = await collect(events, ['END'])
  t.equal(joined(out), 'ENDx', 'a stop broken by another event is no stop')
  t.same(out.slice(-2), events.slice(-2))
})

t.test('never holds back more than the longest stop string minus one character', async (t) => {
  const stops = ['abcdef', 'xy']
  let fed = 0
  let emitted = 0
  const deltas = 'aaaabcdeaxabcdezzzabcdx'.split('')
  const it = cutAtStops((async function * () {
    for (const delta of deltas) {
      fed += delta.length
      yield text(delta)
    }
  })(), stops, chat)
  for await (const event of it) {
    if (event.type === 'text-delta') emitted += event.text.length
    t.ok(fed - emitted <= 5, `held ${fed - emitted} characters`)
  }
  t.equal(emitted, deltas.length, 'all of it in the end')
})

t.test('unsentStops: what the provider was not sent, undefined when nothing is left', async (t) => {
  t.same(unsentStops(['a', 'b', 'c'], ['a', 'b']), ['c'])
  t.equal(unsentStops(['a', ''], ['a']), undefined, 'an empty stop stops nothing')
  t.equal(unsentStops(undefined, []), undefined)
})
