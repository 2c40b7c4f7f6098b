import t from 'tap'
import { GeminiStreamMapper } from '../../../../../providers/protocols/gemini/stream-mapper.js'
import { SignatureMemory } from '../../../../../providers/protocols/gemini/signature-memory.js'
import type { ChatEvent } from '../../../../../src/core/chat-event.js'
import { FAKE_THOUGHT_SIGNATURE, geminiScenario } from '../../../../helpers/fake-gemini.js'

/** The memory a provider plugin would give its mappers. */
const signatureMemory = new SignatureMemory()

function run (chunks: unknown[]): ChatEvent[] {
  const mapper = new GeminiStreamMapper(signatureMemory)
  return [...chunks.flatMap((chunk) => mapper.map({ data: JSON.stringify(chunk) })), ...mapper.flush()]
}

t.test('thought parts, text, cumulative usage, finish at the end', async (t) => {
  t.same(run(geminiScenario('fake-thinking')), [
    { type: 'thinking-delta', text: 'Let me think. ' },
    { type: 'thinking-delta', text: 'Done thinking.' },
    { type: 'text-delta', text: 'The answer is 4.' },
    { type: 'usage', promptTokens: 8, completionTokens: 11 },
    { type: 'finish', reason: 'stop' }
  ])
  t.same(run(geminiScenario('fake-length')).at(-1), { type: 'finish', reason: 'length' })
})

t.test('function calls arrive whole, get ids, and carry their signatures, which are also remembered', async (t) => {
  const calls = run(geminiScenario('fake-tools')).flatMap((event) => event.type === 'tool-call' ? [event.toolCall] : [])
  t.equal(calls.length, 2)
  t.equal(calls[0]!.signature, FAKE_THOUGHT_SIGNATURE, 'the call carries its signature for clients that hold it')
  t.equal(calls[1]!.signature, undefined)
  t.equal(signatureMemory.recall(calls[0]!.id), FAKE_THOUGHT_SIGNATURE)
  t.equal(signatureMemory.recall(calls[1]!.id), undefined, 'only the first parallel call carries one')
})

t.test('errors and withheld answers', async (t) => {
  t.same(run([{ error: { code: 500, message: 'Internal error', status: 'INTERNAL' } }])[0], { type: 'error', message: 'INTERNAL: Internal error' })
  t.same(new GeminiStreamMapper().map({ data: 'not json' }), [{ type: 'error', message: 'upstream sent a malformed stream frame' }])
  t.same(run([{ candidates: [{ content: { parts: [] }, finishReason: 'SAFETY' }] }]), [{ type: 'error', message: 'upstream blocked the answer: SAFETY' }])
  t.same(run([{ candidates: [{ content: { parts: [{ text: 'Part' }] }, finishReason: 'RECITATION' }] }]).at(-1), { type: 'finish', reason: 'stop' }, 'partial output ends normally')
  t.same(run([{ candidates: [{ finishReason: 'MALFORMED_FUNCTION_CALL' }] }]), [{ type: 'error', message: 'upstream produced a malformed function call' }])
  t.same(run([{ candidates: [{ content: { parts: [{ text: 'Hi' }] } }] }]).at(-1), { type: 'error', message: 'upstream stream ended before the answer was complete' })
})
