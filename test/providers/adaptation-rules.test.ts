/**
 * Issue 15, kind 3: every row of the README's provider-adaptation table ("What is adapted for each provider", and
 * its Chinese twin) has a check here, and every check a row. Each sends what an Ollama client sends, over real HTTP,
 * and asserts what the fake provider received and what the client got.
 */
import { readFileSync } from 'node:fs'
import t, { type Test as TapTest } from 'tap'
import { Ollama } from 'ollama'
import { listenTestApp, parseNdjson } from '../helpers/build-app.js'
import { registerFakeScope } from '../helpers/embedding-provider.js'
import { ANTHROPIC_FAKE_MODELS, startFakeAnthropic } from '../helpers/fake-anthropic.js'
import { GEMINI_FAKE_MODELS, startFakeGemini } from '../helpers/fake-gemini.js'
import type { FakeServer } from '../helpers/fake-server.js'

type Test = TapTest

function tableRules (file: string, heading: string): string[] {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')
  const start = text.indexOf(heading)
  const section = text.slice(start, text.indexOf('\n#', start + heading.length))
  return [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1] as string)
}

async function apps (t: Test) {
  const anthropic = await startFakeAnthropic()
  const gemini = await startFakeGemini()
  t.teardown(async () => {
    await anthropic.close()
    await gemini.close()
  })
  const context = await listenTestApp(t, {
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_MODELS: ANTHROPIC_FAKE_MODELS.join(','),
    GEMINI_API_KEY: 'AIzaSyTestGeminiKey0123456789abcdef',
    GEMINI_BASE_URL: gemini.url,
    GEMINI_MODELS: GEMINI_FAKE_MODELS.join(',')
  })
  registerFakeScope(context.app, context.upstream)
  return { ...context, anthropic, gemini, ollama: new Ollama({ host: context.url }) }
}

const lastBody = (fake: FakeServer) => fake.calls.at(-1)?.body as Record<string, unknown>
const hello = [{ role: 'user' as const, content: 'Hello' }]
// Every fake answers "Hello world!" in three pieces ("Hello", " world", "!"): "o w" spans two of them.
const MANY_STOPS = ['<|a|>', '<|b|>', '<|c|>', '<|d|>', '<|e|>', '<|f|>', 'o w']

const CHECKS: Record<string, (t: Test) => Promise<void>> = {
  'stop-limit': async (t) => {
    const { ollama, upstream, gemini } = await apps(t)
    for (const [model, limit, sent] of [['openai/fake-text', 4, () => upstream.calls.at(-1)?.body.stop], ['gemini/fake-text', 5, () => (lastBody(gemini).generationConfig as Record<string, unknown>).stopSequences]] as const) {
      const answer = await ollama.chat({ model, messages: hello, stream: false, options: { stop: MANY_STOPS } })
      t.same(sent(), MANY_STOPS.slice(0, limit), `${model}: the first ${limit} stop strings are sent`)
      t.equal(answer.message.content, 'Hell', `${model}: cut before the first stop string, across two deltas`)
      t.equal(answer.done_reason, 'stop')
      t.ok(answer.prompt_eval_count > 0 && answer.eval_count > 0, `${model}: the counts are there after the cut (estimated when the provider's came after it)`)
      const stream = await ollama.chat({ model, messages: hello, stream: true, options: { stop: MANY_STOPS } })
      let text = ''
      let last
      for await (const part of stream) {
        text += part.message.content
        last = part
      }
      t.equal(text, 'Hell', `${model}: streamed, the same cut`)
      t.equal(last?.done_reason, 'stop')
    }
    const untouched = await ollama.chat({ model: 'openai/fake-text', messages: hello, stream: false, options: { stop: ['<|a|>', 'o w'] } })
    t.same(upstream.calls.at(-1)?.body.stop, ['<|a|>', 'o w'], 'within the limit, all are sent')
    t.equal(untouched.message.content, 'Hello world!', 'and the provider is trusted with them (the fake ignores stops)')
  },
  'stop-blank': async (t) => {
    const { url, anthropic } = await apps(t)
    const response = await fetch(`${url}/api/generate`, { method: 'POST', body: JSON.stringify({ model: 'anthropic/fake-text', prompt: 'Hello', options: { stop: ['\n\n', 'o w', ' '] } }) })
    const lines = parseNdjson(await response.text())
    t.same(lastBody(anthropic).stop_sequences, ['o w'], 'whitespace-only stops are not sent')
    t.equal(lines.map((line) => line.response).join(''), 'Hello', 'the blank stop " " is enforced here')
    t.equal(lines.at(-1)?.done_reason, 'stop')
  },
  'sampling-pair': async (t) => {
    const { ollama, anthropic } = await apps(t)
    // Thinking off: with it on (the default for these models) Anthropic takes neither, which the protocol already leaves out.
    await ollama.chat({ model: 'anthropic/claude-sonnet-4-5', messages: hello, stream: false, think: false, options: { temperature: 0.4, top_p: 0.9 } })
    t.match(lastBody(anthropic), { temperature: 0.4 })
    t.notOk('top_p' in lastBody(anthropic), 'Claude 4.5: top_p is not sent beside temperature')
    await ollama.chat({ model: 'anthropic/claude-sonnet-4-5', messages: hello, stream: false, think: false, options: { top_p: 0.9 } })
    t.match(lastBody(anthropic), { top_p: 0.9 }, 'alone, top_p is sent')
    await ollama.chat({ model: 'anthropic/claude-opus-4-1', messages: hello, stream: false, think: false, options: { temperature: 0.4, top_p: 0.9 } })
    t.match(lastBody(anthropic), { temperature: 0.4, top_p: 0.9 }, 'older models take both')
  },
  'blank-text': async (t) => {
    const { ollama, anthropic } = await apps(t)
    await ollama.chat({
      model: 'anthropic/fake-text',
      stream: false,
      messages: [{ role: 'user', content: 'Turn the light on' }, { role: 'assistant', content: '\n' }, { role: 'user', content: ' ' }, { role: 'user', content: 'Thanks' }]
    })
    t.same(lastBody(anthropic).messages, [{ role: 'user', content: [{ type: 'text', text: 'Turn the light on' }, { type: 'text', text: 'Thanks' }] }])
  },
  'prefill-whitespace': async (t) => {
    const { ollama, anthropic } = await apps(t)
    await ollama.chat({ model: 'anthropic/fake-text', stream: false, messages: [...hello, { role: 'assistant', content: 'Answer: \n' }] })
    t.same((lastBody(anthropic).messages as Array<{ content: unknown }>).at(-1), { role: 'assistant', content: [{ type: 'text', text: 'Answer:' }] })
  },
  'embed-empty': async (t) => {
    const { ollama, upstream, gemini } = await apps(t)
    for (const [model, sent] of [
      ['fakescope/text-embedding-v4', () => upstream.calls.at(-1)?.body.input],
      ['gemini/gemini-embedding-001', () => (lastBody(gemini).requests as Array<{ content: { parts: Array<{ text: string }> } }>).map((request) => request.content.parts[0]?.text)]
    ] as const) {
      const answer = await ollama.embed({ model, input: ['one', '', 'two'] })
      t.same(sent(), ['one', 'two'], `${model}: the empty text is not sent`)
      t.equal(answer.embeddings.length, 3, `${model}: one vector per input`)
      t.equal(answer.embeddings[1]?.length, answer.embeddings[0]?.length, `${model}: the empty text's vector has the model's length`)
      t.ok(answer.embeddings[1]?.every((value) => value === 0), `${model}: and is all zeros`)
    }
  },
  'schema-refs': async (t) => {
    const { ollama, url, gemini } = await apps(t)
    const format = { type: 'object', properties: { home: { $ref: '#/$defs/Address' }, work: { $ref: '#/$defs/Address' } }, $defs: { Address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }
    await ollama.chat({ model: 'gemini/fake-text', messages: hello, stream: false, format })
    const address = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }
    t.same((lastBody(gemini).generationConfig as Record<string, unknown>).responseSchema, { type: 'object', properties: { home: address, work: address } }, 'references inlined')
    const calls = gemini.calls.length
    const recursive = { type: 'object', properties: { next: { $ref: '#/$defs/Node' } }, $defs: { Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' } } } } }
    const response = await fetch(`${url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gemini/fake-tools', messages: hello, stream: false, tools: [{ type: 'function', function: { name: 'walk', parameters: recursive } }] })
    })
    t.equal(response.status, 400)
    t.match(await response.json(), { error: /^the parameters of tool "walk" is recursive/ })
    const missing = await fetch(`${url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'gemini/fake-text', messages: hello, stream: false, format: { type: 'object', properties: { a: { $ref: '#/$defs/Nope' } } } }) })
    t.equal(missing.status, 400)
    t.match(await missing.json(), { error: /^format: Cannot resolve ref "#\/\$defs\/Nope"/ })
    t.equal(gemini.calls.length, calls, 'neither reached Gemini')
  }
}

t.test('the README tables list exactly the rules checked here, in both languages', async (t) => {
  t.same(tableRules('README.md', '### What is adapted for each provider'), Object.keys(CHECKS))
  t.same(tableRules('README.zh-CN.md', '### 针对各提供商的适配'), Object.keys(CHECKS))
})

for (const [rule, check] of Object.entries(CHECKS)) t.test(rule, check)
