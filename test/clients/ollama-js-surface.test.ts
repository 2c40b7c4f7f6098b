/**
 * Issue 14, driven with ollama-js (raw requests where the library hides a field): remote models say where they run,
 * thinking is on by default as in Ollama, /api/show's string fields and a user model's own time, the small endpoints,
 * and Ollama's own words for wrong-typed fields.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { Ollama } from 'ollama'
import { request } from 'undici'
import { buildApp } from '../../src/app.js'
import { listenTestApp, parseNdjson } from '../helpers/build-app.js'
import { ANTHROPIC_FAKE_MODELS, startFakeAnthropic } from '../helpers/fake-anthropic.js'
import { listenProviderApp } from '../helpers/provider-app.js'

type Json = Record<string, unknown>
const hello = [{ role: 'user' as const, content: 'Hello' }]

async function scratchDir (t: Parameters<typeof listenTestApp>[0]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ollama-surface-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

async function client (t: Parameters<typeof listenTestApp>[0], env: Record<string, string> = {}) {
  const context = await listenTestApp(t, env)
  return { ...context, ollama: new Ollama({ host: context.url }), upstreamOrigin: new URL(context.upstream.url).origin }
}

t.test('remote models: remote_model and remote_host on tags, show and every chat/generate chunk', async (t) => {
  const { ollama, url, upstreamOrigin } = await client(t)
  t.match(upstreamOrigin, /^http:\/\/127\.0\.0\.1:\d+$/)
  const remote = { remote_model: 'fake-text', remote_host: upstreamOrigin }

  const listed = (await ollama.list()).models.find((model) => model.name === 'openai/fake-text:latest') as unknown as Json
  t.match(listed, { model: 'openai/fake-text:latest', ...remote }, '/api/tags entry')
  t.match(await ollama.show({ model: 'openai/fake-text' }) as unknown as Json, remote, '/api/show')

  const single = await ollama.chat({ model: 'openai/fake-text', messages: hello }) as unknown as Json
  t.match(single, { model: 'openai/fake-text', ...remote, done: true }, 'one-shot chat answer')
  const chunks: Json[] = []
  for await (const part of await ollama.chat({ model: 'openai/fake-text', messages: hello, stream: true })) chunks.push(part as unknown as Json)
  t.ok(chunks.length > 2)
  for (const chunk of chunks) t.match(chunk, { model: 'openai/fake-text', ...remote }, `chat chunk done=${String(chunk.done)}`)

  const generated = await ollama.generate({ model: 'openai/fake-text', prompt: 'Hi' }) as unknown as Json
  t.match(generated, { model: 'openai/fake-text', ...remote, done: true }, 'one-shot generate answer')
  for await (const part of await ollama.generate({ model: 'openai/fake-text', prompt: 'Hi', stream: true })) {
    t.match(part, { model: 'openai/fake-text', ...remote }, `generate chunk done=${String(part.done)}`)
  }

  // Ollama writes them right after `model` (the Go struct's order): check the bytes.
  const raw = await request(`${url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'openai/fake-text', messages: hello }) })
  const firstLine = (await raw.body.text()).split('\n')[0]!
  t.ok(firstLine.startsWith(`{"model":"openai/fake-text","remote_model":"fake-text","remote_host":"${upstreamOrigin}","created_at":"`), firstLine)

  // The load answer comes from the remote host; Ollama unloads before it looks at where the model runs.
  t.match(await ollama.chat({ model: 'openai/fake-text', messages: [] }), { done_reason: 'load', ...remote })
  const unloaded = await ollama.generate({ model: 'openai/fake-text', prompt: '', keep_alive: 0 }) as unknown as Json
  t.equal(unloaded.done_reason, 'unload')
  t.notOk('remote_model' in unloaded || 'remote_host' in unloaded, 'no remote fields on an unload answer')
})

t.test('an alias and a user model name the provider\'s model they run on', async (t) => {
  const { ollama, upstreamOrigin } = await client(t)
  await ollama.create({ model: 'terse', from: 'openai/fake-text', system: 'Be terse.' })
  t.match(await ollama.show({ model: 'terse' }) as unknown as Json, { remote_model: 'fake-text', remote_host: upstreamOrigin })
  t.match(await ollama.chat({ model: 'terse', messages: hello }) as unknown as Json, { model: 'terse', remote_model: 'fake-text', remote_host: upstreamOrigin })
})

t.test('an answer from an alias\'s fallback names the fallback\'s model', async (t) => {
  const configDir = await scratchDir(t)
  const configFile = join(configDir, 'fallback.yaml')
  await writeFile(configFile, 'aliases:\n  sturdy:\n    target: openai/fake-500\n    fallbacks: [openai/fake-text]\n')
  const { ollama, upstreamOrigin } = await client(t, { CONFIG_FILE: configFile, UPSTREAM_MAX_RETRIES: '0' })
  t.match(await ollama.show({ model: 'sturdy' }) as unknown as Json, { remote_model: 'fake-500' }, 'show names the target')
  const answer = await ollama.chat({ model: 'sturdy', messages: hello }) as unknown as Json
  t.match(answer, { model: 'sturdy', remote_model: 'fake-text', remote_host: upstreamOrigin, message: { content: 'Hello world!' } })
  for await (const part of await ollama.generate({ model: 'sturdy', prompt: 'Hi', stream: true })) {
    t.match(part, { model: 'sturdy', remote_model: 'fake-text' }, `streamed chunk done=${String(part.done)}`)
  }
})

t.test('<ID>_REMOTE_HOST names another origin (never its path), or none hides remote_host', async (t) => {
  const named = await client(t, { OPENAI_REMOTE_HOST: 'https://llm-gateway.example.com/private/route?token=x' })
  t.match(await named.ollama.show({ model: 'openai/fake-text' }) as unknown as Json, { remote_model: 'fake-text', remote_host: 'https://llm-gateway.example.com' })

  const hidden = await client(t, { OPENAI_REMOTE_HOST: 'none' })
  const entry = (await hidden.ollama.list()).models.find((model) => model.name === 'openai/fake-text:latest') as unknown as Json
  const shown = await hidden.ollama.show({ model: 'openai/fake-text' }) as unknown as Json
  const answer = await hidden.ollama.chat({ model: 'openai/fake-text', messages: hello }) as unknown as Json
  for (const [what, body] of [['tags', entry], ['show', shown], ['chat', answer]] as const) {
    t.equal(body.remote_model, 'fake-text', `${what}: remote_model stays`)
    t.notOk('remote_host' in body, `${what}: no remote_host`)
  }

  await t.rejects(buildApp({ logger: false, env: { OPENAI_API_KEY: 'sk-x', OPENAI_REMOTE_HOST: 'ftp://files.example.com' } }),
    /OPENAI_REMOTE_HOST: "ftp:\/\/files.example.com" is not an http\(s\) URL/, 'a bad setting stops the start, naming the variable')
})

t.test('a config-file server reports its remoteHost, or its base URL\'s origin', async (t) => {
  const configDir = await scratchDir(t)
  const configFile = join(configDir, 'servers.json')
  const { upstream } = await client(t)
  const servers = [
    { id: 'gateway', baseUrl: upstream.url, models: ['fake-text'], remoteHost: 'https://llm.corp.example/team/a' },
    { id: 'plain', baseUrl: upstream.url, models: ['fake-text'] }
  ]
  await writeFile(configFile, JSON.stringify({ servers }))
  const { ollama } = await client(t, { CONFIG_FILE: configFile })
  t.match(await ollama.show({ model: 'gateway/fake-text' }) as unknown as Json, { remote_model: 'fake-text', remote_host: 'https://llm.corp.example' })
  t.match(await ollama.chat({ model: 'plain/fake-text', messages: hello }) as unknown as Json, { remote_model: 'fake-text', remote_host: new URL(upstream.url).origin })
})

t.test('thinking on by default: Anthropic receives a thinking budget unless THINK_DEFAULT=provider', async (t) => {
  const anthropic = await startFakeAnthropic()
  t.teardown(() => anthropic.close())
  const env = { ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: anthropic.url, ANTHROPIC_MODELS: ANTHROPIC_FAKE_MODELS.join(',') }
  const { ollama } = await client(t, env)

  const thought = await ollama.chat({ model: 'anthropic/fake-thinking', messages: hello, options: { temperature: 0.3 } })
  t.equal(thought.message.thinking, 'Let me think. Done thinking.', 'the reasoning is shown without asking')
  const sent = anthropic.calls[0]!.body
  t.same(sent.thinking, { type: 'enabled', budget_tokens: 8191 }, 'the medium budget (8,192), kept under max_tokens 8,192')
  t.equal(sent.max_tokens, 8192)
  t.notOk('temperature' in sent, 'Anthropic fixes the temperature while thinking')

  await ollama.generate({ model: 'anthropic/fake-thinking', prompt: '2+2?' })
  t.same(anthropic.calls[1]!.body.thinking, { type: 'enabled', budget_tokens: 8191 }, 'generate too')

  await ollama.chat({ model: 'anthropic/fake-thinking', messages: hello, think: false, options: { temperature: 0.3 } })
  t.same(anthropic.calls[2]!.body.thinking, { type: 'disabled' }, 'think: false still turns it off')
  t.equal(anthropic.calls[2]!.body.temperature, 0.3)

  const kept = await client(t, { ...env, THINK_DEFAULT: 'provider' })
  const before = anthropic.calls.length
  const plain = await kept.ollama.chat({ model: 'anthropic/fake-text', messages: hello, options: { temperature: 0.3 } })
  t.notOk(plain.message.thinking, 'no reasoning asked')
  t.notOk('thinking' in anthropic.calls[before]!.body, 'THINK_DEFAULT=provider sends no thinking field')
  t.equal(anthropic.calls[before]!.body.temperature, 0.3)
})

t.test('thinking by default only where a thinking model\'s provider has a switch', async (t) => {
  const { upstream, url } = await listenProviderApp(t, (origin) => ({
    OPENAI_API_KEY: 'sk-openai',
    OPENAI_BASE_URL: `${origin}/v1`,
    OPENAI_MODELS: 'fake-text',
    TOGETHER_API_KEY: 'sk-together',
    TOGETHER_BASE_URL: `${origin}/v1`
  }))
  const ollama = new Ollama({ host: url })
  const thinkingKeys = (body: Json) => Object.fromEntries(['reasoning_effort', 'enable_thinking', 'thinking'].filter((key) => key in body).map((key) => [key, body[key]]))

  await ollama.chat({ model: 'openai/o3', messages: hello })
  t.same(thinkingKeys(upstream.calls.at(-1)!.body), { reasoning_effort: 'medium' }, 'OpenAI reasoning model: Ollama\'s think: true, as medium')
  await ollama.chat({ model: 'openai/fake-text', messages: hello })
  t.same(thinkingKeys(upstream.calls.at(-1)!.body), {}, 'a model without thinking gets no switch')
  await ollama.chat({ model: 'together/deepseek-ai/DeepSeek-R1', messages: hello })
  t.same(thinkingKeys(upstream.calls.at(-1)!.body), {}, 'Together has no switch: the model thinks by itself')

  // Ollama's /v1 layer runs the same chat handler, so its default holds there too.
  await request(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'openai/o3', messages: hello }) }).then((answer) => answer.body.dump())
  t.same(thinkingKeys(upstream.calls.at(-1)!.body), { reasoning_effort: 'medium' }, '/v1/chat/completions without reasoning_effort')
})

t.test('/api/show: template, license, parameters and modelfile are strings; requires is left out', async (t) => {
  const { ollama } = await client(t)
  const shown = await ollama.show({ model: 'openai/fake-text' }) as unknown as Json
  t.same({ template: shown.template, license: shown.license, parameters: shown.parameters }, { template: '', license: '', parameters: '' })
  t.match(shown.modelfile, /^# Modelfile generated by "ollama show"\n/)
  t.same(shown.capabilities, ['completion', 'tools'])
  t.notOk('requires' in shown)

  await ollama.create({ model: 'precise', from: 'openai/fake-text', parameters: { temperature: 0.2, stop: ['END'] } })
  const user = await ollama.show({ model: 'precise' }) as unknown as Json
  t.equal(user.parameters, 'temperature                    0.2\nstop                           "END"')
  t.match(user.modelfile, /PARAMETER temperature 0\.2\nPARAMETER stop "END"\n$/)
})

t.test('a created or copied model reports its own creation time, kept across restarts', async (t) => {
  const dataDir = await scratchDir(t)
  const first = await client(t, { DATA_DIR: dataDir })
  const beforeCreate = Date.now()
  await first.ollama.create({ model: 'mine', from: 'openai/fake-text' })
  await new Promise((resolve) => setTimeout(resolve, 30))
  await first.ollama.copy({ source: 'mine', destination: 'mine-too' })
  const created = Date.parse((await first.ollama.show({ model: 'mine' })).modified_at as unknown as string)
  const copied = Date.parse((await first.ollama.show({ model: 'mine-too' })).modified_at as unknown as string)
  t.ok(created >= beforeCreate - 1 && created <= Date.now(), 'creation time')
  t.ok(copied >= created + 30, 'the copy has its own, later time')
  const listed = (await first.ollama.list()).models.find((model) => model.name === 'mine-too:latest')!
  t.equal(Date.parse(listed.modified_at as unknown as string), copied, '/api/tags says the same')

  const stored = JSON.parse(await readFile(join(dataDir, 'user-models.json'), 'utf8')) as { models: Array<{ name: string, createdAt?: string }> }
  t.equal(Date.parse(stored.models.find((model) => model.name === 'mine')!.createdAt!), created, 'the store keeps the time')

  // A file written long before this server started: its time is reported, not the start.
  const older = await scratchDir(t)
  await writeFile(join(older, 'user-models.json'), JSON.stringify({ version: 1, models: [{ name: 'old', target: 'openai/fake-text', createdAt: '2025-01-02T03:04:05.678Z' }] }))
  const restarted = await client(t, { DATA_DIR: older })
  t.equal((await restarted.ollama.show({ model: 'old' })).modified_at as unknown as string, '2025-01-02T03:04:05.678Z')
  await writeFile(join(older, 'user-models.json'), JSON.stringify({ version: 1, models: [{ name: 'undated', target: 'openai/fake-text' }] }))
  const undated = await client(t, { DATA_DIR: older })
  t.match((await undated.ollama.show({ model: 'undated' })).modified_at, /^\d{4}-\d\d-\d\dT/, 'a file from before the field still loads')
})

t.test('small endpoints: /api/status, model recommendations, HEAD /api/version and /api/tags', async (t) => {
  const configDir = await scratchDir(t)
  const configFile = join(configDir, 'config.yaml')
  await writeFile(configFile, 'aliases:\n  fast: openai/fake-text\n  deep:\n    target: openai/o3\n    system: Think hard.\n')
  const { ollama, url } = await client(t, { CONFIG_FILE: configFile })
  t.equal(await ollama.version().then((answer) => answer.version), '0.32.15', 'the release this mirrors')

  const status = await request(`${url}/api/status`)
  t.equal(status.statusCode, 200)
  t.equal(await status.body.text(), '{"cloud":{"disabled":false,"source":"none"}}', 'Ollama\'s StatusResponse, cloud never disabled')

  const recommendations = await request(`${url}/api/experimental/model-recommendations`)
  t.same(await recommendations.body.json(), {
    recommendations: [
      { model: 'deep:latest', description: 'o3 at OpenAI', context_length: 200_000 },
      { model: 'fast:latest', description: 'fake-text at OpenAI', context_length: 128_000 }
    ]
  }, 'the operator\'s aliases, not the built-in ones')
  const none = await client(t)
  t.equal(await request(`${none.url}/api/experimental/model-recommendations`).then((answer) => answer.body.text()), '{"recommendations":[]}')

  for (const path of ['/api/version', '/api/tags']) {
    const get = await request(`${url}${path}`)
    const getBody = await get.body.text()
    const head = await request(`${url}${path}`, { method: 'HEAD' })
    t.equal(head.statusCode, 200, `HEAD ${path}`)
    t.equal(head.headers['content-type'], 'application/json; charset=utf-8', `HEAD ${path}: GET's type`)
    t.equal(head.headers['content-length'], String(Buffer.byteLength(getBody)), `HEAD ${path}: GET's length`)
    t.equal(await head.body.text(), '', `HEAD ${path}: no body`)
  }
  for (const path of ['/api/status', '/api/experimental/model-recommendations']) {
    const head = await request(`${url}${path}`, { method: 'HEAD' })
    await head.body.dump()
    t.equal(head.statusCode, 405, `HEAD ${path}: GET only, as in Ollama`)
  }
})

t.test('wrong types answer in the words of Ollama\'s own decoders', async (t) => {
  const { ollama, url, upstream } = await client(t)
  const THINK = 'think must be a boolean or string ("high", "medium", "low", "max", true, or false)'
  const cases: Array<[string, Json, number, string]> = [
    ['/api/chat', { think: 1 }, 400, THINK],
    ['/api/chat', { think: ['high'] }, 400, THINK],
    ['/api/generate', { think: {} }, 400, THINK],
    ['/api/chat', { keep_alive: true }, 400, "Unsupported type: 'bool'"],
    ['/api/generate', { keep_alive: [5] }, 400, "Unsupported type: '[]interface {}'"],
    ['/api/chat', { keep_alive: { minutes: 5 } }, 400, "Unsupported type: 'map[string]interface {}'"],
    ['/api/embed', { keep_alive: false }, 400, "Unsupported type: 'bool'"],
    ['/api/chat', { format: 12 }, 500, 'invalid format: "12"; expected "json" or a valid JSON Schema object'],
    ['/api/generate', { format: 'xml' }, 500, 'invalid format: "\\"xml\\""; expected "json" or a valid JSON Schema object']
  ]
  for (const [path, field, status, message] of cases) {
    const body = path === '/api/chat' ? { model: 'openai/fake-text', messages: hello } : path === '/api/embed' ? { model: 'openai/fake-text', input: 'x' } : { model: 'openai/fake-text', prompt: 'x' }
    const answer = await request(`${url}${path}`, { method: 'POST', body: JSON.stringify({ ...body, ...field }) })
    t.equal(answer.statusCode, status, `${path} ${JSON.stringify(field)}: status`)
    t.same(await answer.body.json(), { error: message }, `${path} ${JSON.stringify(field)}: wording`)
  }
  t.equal(upstream.calls.length, 0, 'nothing went upstream')

  // An unknown level is a decode error too: refused before the model is looked up, as Go's decoder does.
  const level = await request(`${url}/api/generate`, { method: 'POST', body: JSON.stringify({ model: 'openai/no-such-model', prompt: 'x', think: 'extreme' }) })
  t.equal(level.statusCode, 400)
  t.same(await level.body.json(), { error: 'invalid think value: "extreme" (must be "high", "medium", "low", "max", true, or false)' })

  // What ollama-js users see when their code passes a wrong type.
  await t.rejects(ollama.chat({ model: 'openai/fake-text', messages: hello, think: 1 as unknown as boolean }), { name: 'ResponseError', status_code: 400, error: THINK })
  await t.rejects(ollama.generate({ model: 'openai/fake-text', prompt: 'x', keep_alive: true as unknown as string }), { name: 'ResponseError', status_code: 400, error: "Unsupported type: 'bool'" })
  // A stream that already began is not concerned: these are refused before any line.
  const streamed = await request(`${url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'openai/fake-text', messages: hello, think: 2 }) })
  t.equal(streamed.headers['content-type'], 'application/json; charset=utf-8')
  t.same(parseNdjson(await streamed.body.text()), [{ error: THINK }])
})
