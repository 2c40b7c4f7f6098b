/**
 * Issue 17: GET /metrics read as Prometheus reads it. The real app answers real clients (ollama-js, openai)
 * from the fake upstreams; its exposition is parsed by an independent parser (parse-prometheus-text-format)
 * and its counters must move by what the requests made, with the fake's own usage figures.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ollama } from 'ollama'
import OpenAI from 'openai'
import t from 'tap'
import { Agent, request } from 'undici'
import { listenTestApp } from '../helpers/build-app.js'
import { registerFakeScope } from '../helpers/embedding-provider.js'
import { FAKE_TOKENS_PER_INPUT } from '../helpers/fake-embeddings.js'
import { FAKE_USAGE } from '../helpers/fake-upstream.js'
import { promtool } from '../helpers/promtool.js'
import { portOf, rawRequest } from '../helpers/raw-request.js'
import { bucket, family, observations, samples, scrape, total, type Scrape } from '../helpers/scrape.js'

const hello = [{ role: 'user' as const, content: 'Hello' }]
const REQUESTS = 'ollama_adapter_http_requests_total'

/** Waits until `check` holds for a fresh scrape (a stream's close is recorded just after the client sees its end). */
async function eventually (url: string, check: (scraped: Scrape) => boolean, timeoutMs = 3000): Promise<Scrape> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const scraped = await scrape(url)
    if (check(scraped) || Date.now() > until) return scraped
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

t.test('the exposition parses, every family of ours is documented and named by the conventions', async (t) => {
  const { url } = await listenTestApp(t)
  await new Ollama({ host: url }).chat({ model: 'openai/fake-text', messages: hello })
  const scraped = await scrape(url)
  t.equal(scraped.status, 200)
  t.match(scraped.contentType, /^text\/plain; version=0\.0\.4/)
  const ours = scraped.families.filter((candidate) => candidate.name.startsWith('ollama_adapter_'))
  t.ok(ours.length >= 10, `${ours.length} families of ours`)
  for (const { name, help, type } of ours) {
    t.not(help, '', `${name}: HELP`)
    if (type === 'COUNTER') t.match(name, /_total$/, `${name}: a counter ends in _total`)
    if (type === 'HISTOGRAM') t.match(name, /_seconds$/, `${name}: a histogram of durations in seconds`)
  }
  t.ok(family(scraped, 'process_resident_memory_bytes'), 'the process\'s own metrics too')
  t.equal(family(scraped, 'ollama_adapter_redis_up'), undefined, 'no Redis configured: no redis_up series at all')
})

t.test('Prometheus\'s own promtool parses the exposition and lints nothing of ours', async (t) => {
  const { url, app } = await listenTestApp(t)
  for await (const part of await new Ollama({ host: url }).chat({ model: 'openai/fake-text', messages: hello, stream: true })) void part
  app.metrics.setRedisUp(false)
  const scraped = await scrape(url)
  const { code, output } = await promtool(['check', 'metrics'], scraped.text)
  t.not(code, 1, `parsed: ${output}`)
  // prom-client's own process gauges (nodejs_active_handles_total…) draw lint warnings; ours must draw none.
  t.same(output.split('\n').filter((line) => line.includes('ollama_adapter_')), [], 'no lint problem in ollama_adapter_ families')
})

t.test('requests, tokens and upstream timings move with what ollama-js and the OpenAI SDK asked', async (t) => {
  const { url } = await listenTestApp(t)
  const before = await scrape(url)
  const model = 'openai/fake-text:latest'
  t.equal(total(before, REQUESTS, { route: '/api/chat' }), 0, 'nothing counted before')

  const ollama = new Ollama({ host: url })
  const single = await ollama.chat({ model: 'openai/fake-text', messages: hello })
  t.equal(single.prompt_eval_count, FAKE_USAGE.prompt_tokens)
  let parts = 0
  for await (const part of await ollama.chat({ model: 'openai/fake-text', messages: hello, stream: true })) parts += part.done ? 0 : 1
  t.ok(parts > 0)
  const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0 })
  await openai.chat.completions.create({ model: 'openai/fake-text', messages: hello })
  const missing = await ollama.chat({ model: 'nosuchprovider/no-such-model', messages: hello }).catch((error: unknown) => error)
  t.match(missing, { status_code: 404 })

  const after = await eventually(url, (scraped) => total(scraped, REQUESTS, { route: '/v1/chat/completions', status: '200' }) === 1)
  t.equal(total(after, REQUESTS, { route: '/api/chat', dialect: 'ollama', method: 'POST', status: '200', model, provider: 'openai' }), 2, 'two Ollama chats')
  t.equal(total(after, REQUESTS, { route: '/v1/chat/completions', dialect: 'openai', status: '200', model, provider: 'openai' }), 1, 'one OpenAI chat')
  t.equal(total(after, REQUESTS, { route: '/api/chat', status: '404', model: '', provider: '' }), 1, 'the unknown model, without a model label')
  t.equal(total(after, 'ollama_adapter_prompt_tokens_total', { model, provider: 'openai' }), 3 * FAKE_USAGE.prompt_tokens)
  t.equal(total(after, 'ollama_adapter_completion_tokens_total', { model, provider: 'openai' }), 3 * FAKE_USAGE.completion_tokens)
  t.equal(observations(after, 'ollama_adapter_upstream_first_byte_seconds', { model, provider: 'openai' }), 3)
  t.equal(observations(after, 'ollama_adapter_upstream_duration_seconds', { model, provider: 'openai' }), 3)
  t.equal(observations(after, 'ollama_adapter_http_request_duration_seconds', { route: '/api/chat', status: '200' }), 2)
  t.equal(bucket(after, 'ollama_adapter_http_request_duration_seconds', '+Inf', { route: '/api/chat', status: '200' }), 2, 'the +Inf bucket holds every observation')
  t.equal(bucket(after, 'ollama_adapter_http_request_duration_seconds', '600', { route: '/api/chat', status: '200' }), 2, 'and so does the largest bound')
  t.equal(total(after, 'ollama_adapter_open_streams', { dialect: 'ollama' }), 0, 'the finished stream is closed')
})

t.test('an open stream shows while it runs; a client that leaves, streamed or not, is counted as 499 with the stream back to 0', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  const ollama = new Ollama({ host: url })
  const stream = await ollama.chat({ model: 'openai/fake-slow', messages: hello, stream: true })
  const first = await stream[Symbol.asyncIterator]().next()
  t.ok(first.done !== true && first.value.message.content.length > 0, 'the first token arrived')
  const during = await scrape(url)
  t.equal(total(during, 'ollama_adapter_open_streams', { dialect: 'ollama' }), 1, 'one stream open')
  stream.abort()
  await upstream.waitForNoSockets(5000)
  const after = await eventually(url, (scraped) => total(scraped, 'ollama_adapter_open_streams') === 0)
  t.equal(total(after, 'ollama_adapter_open_streams', { dialect: 'ollama' }), 0, 'back to 0')
  t.equal(total(after, REQUESTS, { route: '/api/chat', status: '499', model: 'openai/fake-slow:latest' }), 1, 'the abandoned answer')

  // Not streamed: the client gives up while the provider has not answered yet (ollama-js aborts only streams).
  const controller = new AbortController()
  // Its own client, destroyed at the end: a connection it left behind would hold the app's close.
  const dispatcher = new Agent()
  t.teardown(() => dispatcher.destroy())
  const body = JSON.stringify({ model: 'openai/fake-stall', messages: hello, stream: false })
  const pending = request(`${url}/api/chat`, { method: 'POST', body, signal: controller.signal, dispatcher }).catch((error: unknown) => error)
  while (!upstream.calls.some((call) => call.body.model === 'fake-stall')) await new Promise((resolve) => setTimeout(resolve, 10))
  controller.abort()
  t.match(await pending, { name: 'AbortError' })
  await upstream.waitForNoSockets(5000)
  const abandoned = await eventually(url, (scraped) => total(scraped, REQUESTS, { status: '499', model: 'openai/fake-stall:latest' }) > 0)
  t.equal(total(abandoned, REQUESTS, { route: '/api/chat', status: '499', model: 'openai/fake-stall:latest', provider: 'openai' }), 1, 'the abandoned wait')
  t.equal(total(abandoned, REQUESTS, { status: '499' }), 2, 'each counted once')
})

t.test('a retry when the fake fails once; a fallback to another provider and the circuit it opened', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'metrics-config-'))
  t.teardown(() => rm(directory, { recursive: true, force: true }))
  const configFile = join(directory, 'config.yaml')
  await writeFile(configFile, 'aliases:\n  team-chat:\n    target: openai/fake-500\n    fallbacks: [volcengine/ep-backup-1]\n')
  const settings = { CONFIG_FILE: configFile, UPSTREAM_RETRY_BASE_MS: '5', UPSTREAM_MAX_RETRIES: '1', CIRCUIT_FAILURE_THRESHOLD: '1' }
  const { url, upstream } = await listenTestApp(t, settings)
  // Ark speaks OpenAI's protocol: the same fake answers its calls.
  const withArk = await listenTestApp(t, { ...settings, VOLCENGINE_API_KEY: 'ark-key', VOLCENGINE_BASE_URL: upstream.url })
  const ollama = new Ollama({ host: url })

  const retried = await ollama.chat({ model: 'openai/fake-flaky-529-1', messages: hello })
  t.equal(retried.done_reason, 'stop', 'the second attempt answered')
  const afterRetry = await scrape(url)
  t.equal(total(afterRetry, 'ollama_adapter_upstream_retries_total', { provider: 'openai' }), 1, 'one retry')
  t.equal(total(afterRetry, 'ollama_adapter_upstream_fallbacks_total'), 0)

  const answered = await new Ollama({ host: withArk.url }).chat({ model: 'team-chat', messages: hello })
  t.equal(answered.message.content, 'Hello world!', 'the fallback answered')
  const scraped = await scrape(withArk.url)
  t.equal(total(scraped, 'ollama_adapter_upstream_retries_total', { provider: 'openai' }), 1, 'the 500 was retried once (UPSTREAM_MAX_RETRIES)')
  t.equal(total(scraped, 'ollama_adapter_upstream_fallbacks_total', { from_provider: 'openai', to_provider: 'volcengine' }), 1)
  t.equal(total(scraped, 'ollama_adapter_circuit_opens_total', { provider: 'openai' }), 1, 'one failure at threshold 1 opened the circuit')
  t.equal(total(scraped, 'ollama_adapter_circuit_open', { provider: 'openai' }), 1, 'openai cools down')
  t.equal(total(scraped, 'ollama_adapter_circuit_open', { provider: 'volcengine' }), 0, 'volcengine does not')
  t.equal(total(scraped, REQUESTS, { route: '/api/chat', status: '200', model: 'team-chat:latest', provider: 'volcengine' }), 1,
    'counted under the alias the client named, and the provider that answered')
})

t.test('label values stay bounded: an open model id, an unknown model and a made-up path never become labels', async (t) => {
  const { upstream } = await listenTestApp(t)
  const withArk = await listenTestApp(t, { VOLCENGINE_API_KEY: 'ark-key', VOLCENGINE_BASE_URL: upstream.url })
  const openai = new OpenAI({ baseURL: `${withArk.url}/v1`, apiKey: 'unused', maxRetries: 0 })
  // Ark endpoint ids are open: any ep-… is served, so the name is the client's and must not become a label.
  const completion = await openai.chat.completions.create({ model: 'volcengine/ep-chosen-by-client-7f3a', messages: hello })
  t.equal(completion.choices[0]?.message.content, 'Hello world!')
  await openai.chat.completions.create({ model: 'openai/made-up-model-9q2z', messages: hello }).catch(() => undefined)
  await rawRequest(portOf(withArk.url), { host: '127.0.0.1', path: '/api/chat/made-up-path-4k8w' })
  const scraped = await scrape(withArk.url)
  for (const secret of ['chosen-by-client', 'made-up-model', 'made-up-path']) t.notMatch(scraped.text, secret, `${secret} appears nowhere`)
  t.equal(total(scraped, REQUESTS, { route: '/v1/chat/completions', status: '200', model: 'other', provider: 'volcengine' }), 1, 'labelled "other"')
  t.equal(total(scraped, 'ollama_adapter_prompt_tokens_total', { model: 'other', provider: 'volcengine' }), FAKE_USAGE.prompt_tokens)
  t.equal(total(scraped, REQUESTS, { route: 'unmatched', status: '404' }), 1, 'the unknown path')
  const models = new Set(samples(scraped, REQUESTS).map((sample) => sample.labels?.model ?? ''))
  t.same([...models].sort(), ['', 'other'], 'no other model label')
})

t.test('embedding batches, inputs and tokens from the OpenAI SDK', async (t) => {
  const { url, app, upstream } = await listenTestApp(t)
  registerFakeScope(app, upstream)
  const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0 })
  const inputs = Array.from({ length: 12 }, (_, index) => `text ${index}`)
  await openai.embeddings.create({ model: 'fakescope/text-embedding-v4', input: inputs })
  const scraped = await scrape(url)
  const labels = { model: 'fakescope/text-embedding-v4:latest', provider: 'fakescope' }
  t.equal(total(scraped, 'ollama_adapter_embedding_batches_total', labels), 2, '12 inputs in batches of at most 10')
  t.equal(total(scraped, 'ollama_adapter_embedding_inputs_total', labels), 12)
  t.equal(total(scraped, 'ollama_adapter_prompt_tokens_total', labels), 12 * FAKE_TOKENS_PER_INPUT)
  t.equal(total(scraped, REQUESTS, { route: '/v1/embeddings', dialect: 'openai', status: '200', ...labels }), 1)
})

t.test('METRICS_API_KEY alone opens /metrics; without it API_KEYS guards it like any path', async (t) => {
  const keyed = await listenTestApp(t, { API_KEYS: 'client-key', METRICS_API_KEY: 'scrape-key' })
  const refused = await scrape(keyed.url)
  t.equal(refused.status, 401)
  t.same(JSON.parse(refused.text), { error: 'unauthorized' })
  t.equal((await scrape(keyed.url, { authorization: 'Bearer client-key' })).status, 401, 'a client key does not open it')
  t.equal((await scrape(keyed.url, { authorization: 'Bearer wrong' })).status, 401)
  const allowed = await scrape(keyed.url, { authorization: 'Bearer scrape-key' })
  t.equal(allowed.status, 200)
  t.ok(family(allowed, REQUESTS), 'parsed')
  t.equal(total(allowed, REQUESTS, { route: '/metrics', status: '401' }), 3, 'the refused scrapes are counted too')
  // The metrics key opens nothing else.
  const chat = await new Ollama({ host: keyed.url, headers: { authorization: 'Bearer scrape-key' } }).chat({ model: 'openai/fake-text', messages: hello }).catch((error: unknown) => error)
  t.match(chat, { status_code: 401 })

  const metricsKeyOnly = await listenTestApp(t, { METRICS_API_KEY: 'scrape-key' })
  t.equal((await scrape(metricsKeyOnly.url)).status, 401, 'METRICS_API_KEY alone guards /metrics')
  t.equal((await rawRequest(portOf(metricsKeyOnly.url), { host: '127.0.0.1' })).status, 200, 'and leaves the rest open')

  const clientKeysOnly = await listenTestApp(t, { API_KEYS: 'client-key' })
  t.equal((await scrape(clientKeysOnly.url)).status, 401)
  t.equal((await scrape(clientKeysOnly.url, { 'x-api-key': 'client-key' })).status, 200)
})

t.test('an in-cluster scrape (Host: podIP:port) is answered even on a loopback listener; other names need ALLOWED_HOSTS', async (t) => {
  const { url } = await listenTestApp(t, { ALLOWED_HOSTS: 'adapter.monitoring.example' })
  const port = portOf(url)
  t.equal((await rawRequest(port, { host: '10.42.0.17:11434', path: '/metrics' })).status, 200, 'a private pod address')
  t.equal((await rawRequest(port, { host: 'adapter.monitoring.example:11434', path: '/metrics' })).status, 200, 'a name in ALLOWED_HOSTS')
  t.equal((await rawRequest(port, { host: 'metrics.example.com', path: '/metrics' })).status, 403, 'a foreign name')
})

t.test('Redis availability: absent until reported, then up, and each outage counted once', async (t) => {
  const { url, app } = await listenTestApp(t)
  t.equal(family(await scrape(url), 'ollama_adapter_redis_up'), undefined)
  app.metrics.setRedisUp(true)
  let scraped = await scrape(url)
  t.equal(total(scraped, 'ollama_adapter_redis_up'), 1)
  t.equal(total(scraped, 'ollama_adapter_redis_outages_total'), 0)
  app.metrics.setRedisUp(false)
  app.metrics.setRedisUp(false)
  scraped = await scrape(url)
  t.equal(total(scraped, 'ollama_adapter_redis_up'), 0)
  t.equal(total(scraped, 'ollama_adapter_redis_outages_total'), 1, 'a repeated report is the same outage')
  app.metrics.setRedisUp(true)
  app.metrics.setRedisUp(false)
  t.equal(total(await scrape(url), 'ollama_adapter_redis_outages_total'), 2)
})

t.test('both READMEs list exactly the metrics the app exposes', async (t) => {
  const { url, app } = await listenTestApp(t)
  app.metrics.setRedisUp(true)
  const exposed = (await scrape(url)).families.map((candidate) => candidate.name).filter((name) => name.startsWith('ollama_adapter_')).sort()
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
  for (const readme of ['README.md', 'README.zh-CN.md']) {
    const text = await readFile(join(root, readme), 'utf8')
    const listed = [...text.matchAll(/^\| `(ollama_adapter_[a-z_]+)` \|/gm)].map(([, name]) => name).sort()
    t.same(listed, exposed, `${readme}: the Monitoring table`)
  }
})
