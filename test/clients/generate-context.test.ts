/**
 * `/api/generate`'s `context` with ollama-js: a non-raw answer ends with it, sending it back continues the
 * conversation (the fake upstream sees the earlier prompts and answers as messages), raw answers carry none, and a
 * context this server did not issue answers 400.
 */
import t from 'tap'
import { Ollama } from 'ollama'
import { listenTestApp } from '../helpers/build-app.js'
import { portOf, rawRequest } from '../helpers/raw-request.js'
import { MAX_CONTEXT_LENGTH } from '../../src/ollama/generate-context.js'

async function client (t: Parameters<typeof listenTestApp>[0]) {
  const context = await listenTestApp(t)
  return { ...context, ollama: new Ollama({ host: context.url }) }
}

type Sent = Array<{ role: string, content: unknown }>

t.test('the returned context continues the conversation, streamed and not', async (t) => {
  const { ollama, upstream } = await client(t)
  const first = await ollama.generate({ model: 'openai/fake-text', prompt: 'Say hello', system: 'Be brief.' })
  t.equal(first.response, 'Hello world!')
  t.ok(Array.isArray(first.context) && first.context.length > 0 && first.context.every(Number.isInteger), 'an array of integers')

  const lines = []
  for await (const part of await ollama.generate({ model: 'openai/fake-text', prompt: 'Again', system: 'Be brief.', context: first.context, stream: true })) lines.push(part)
  t.same(upstream.calls[1]!.body.messages, [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hello' },
    { role: 'assistant', content: 'Hello world!' },
    { role: 'user', content: 'Again' }
  ])
  const last = lines.at(-1)!
  t.ok(lines.slice(0, -1).every((line) => !('context' in line)), 'only the last line carries it')
  t.ok(Array.isArray(last.context))

  await ollama.generate({ model: 'openai/fake-text', prompt: 'Third', context: last.context })
  t.same((upstream.calls[2]!.body.messages as Sent).map((message) => [message.role, message.content]), [
    ['user', 'Say hello'], ['assistant', 'Hello world!'], ['user', 'Again'], ['assistant', 'Hello world!'], ['user', 'Third']
  ], 'both earlier turns, no system prompt this time')
})

t.test('key order: context after done_reason, before the metrics', async (t) => {
  const { url } = await client(t)
  const answer = await rawRequest(portOf(url), { host: '127.0.0.1', method: 'POST', path: '/api/generate', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'openai/fake-text', prompt: 'Hi', stream: false }) })
  const keys = Object.keys(JSON.parse(answer.body) as object)
  t.same(keys.slice(0, 7), ['model', 'created_at', 'response', 'done', 'done_reason', 'context', 'total_duration'])
})

t.test('raw answers and load answers carry no context', async (t) => {
  const { ollama } = await client(t)
  const raw = await ollama.generate({ model: 'openai/fake-text', prompt: 'Hi', raw: true })
  t.notOk('context' in raw)
  const load = await ollama.generate({ model: 'openai/fake-text', prompt: '' })
  t.notOk('context' in load)
  const conflict = await ollama.generate({ model: 'openai/fake-text', prompt: 'Hi', raw: true, context: [1, 2, 3] }).catch((error: unknown) => error)
  t.match(conflict, { status_code: 400, error: 'raw mode does not support template, system, or context' })
})

t.test('a context this server did not issue answers 400 and nothing is sent', async (t) => {
  const { ollama, upstream, url } = await client(t)
  const notOurs = 'invalid context: not the context of an earlier answer from this server; send it back unchanged, or leave it out to start a new conversation'
  // Token ids from a real Ollama, a code point past Unicode, a lone surrogate, valid JSON of another shape.
  const others = [[128006, 882, 128007], [0x110000], [0xD800], [...'{"a":1}'].map((character) => character.codePointAt(0)!), [...'[2,["a","b"]]'].map((character) => character.codePointAt(0)!)]
  for (const context of others) {
    const error = await ollama.generate({ model: 'openai/fake-text', prompt: 'Hi', context }).catch((caught: unknown) => caught)
    t.match(error, { status_code: 400, error: notOurs }, JSON.stringify(context).slice(0, 40))
  }
  const long = await rawRequest(portOf(url), {
    host: '127.0.0.1',
    method: 'POST',
    path: '/api/generate',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'openai/fake-text', prompt: 'Hi', stream: false, context: new Array(MAX_CONTEXT_LENGTH + 1).fill(32) })
  })
  t.equal(long.status, 400)
  t.same(JSON.parse(long.body), { error: `invalid context: longer than ${MAX_CONTEXT_LENGTH} entries` })
  t.equal(upstream.calls.length, 0)
})

t.test('a conversation longer than the bound keeps its newest turns', async (t) => {
  t.equal(MAX_CONTEXT_LENGTH, 262_144, 'the bound the READMEs state')
  const { ollama, upstream } = await client(t)
  // Each prompt is a third of the bound: the fourth answer's context can hold two turns at most.
  const big = (label: string) => label + 'x'.repeat(MAX_CONTEXT_LENGTH / 3)
  let context: number[] | undefined
  for (const label of ['one', 'two', 'three', 'four']) {
    const answer = await ollama.generate({ model: 'openai/fake-text', prompt: big(label), ...(context === undefined ? {} : { context }) })
    t.ok(answer.context.length <= MAX_CONTEXT_LENGTH, `${label}: within the bound`)
    context = answer.context
  }
  await ollama.generate({ model: 'openai/fake-text', prompt: 'last', context })
  const prompts = (upstream.calls.at(-1)!.body.messages as Sent).filter((message) => message.role === 'user').map((message) => String(message.content).slice(0, 5))
  t.same(prompts, ['three', 'fourx', 'last'])
})
