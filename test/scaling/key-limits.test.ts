/**
 * Per-key limits from the config file, shared by two replicas through one real Redis: the requests per
 * minute and the tokens per day of one key count across both, answered 429 with Retry-After in the
 * route's dialect; other keys are not touched.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { Ollama } from 'ollama'
import { listenTestApp } from '../helpers/build-app.js'
import { sharedTestRedis, testKeyPrefix } from '../helpers/redis.js'

const LIMITED = 'client-key-limited'
const OTHER = 'client-key-other'
const TOKENS = 'client-key-tokens'

async function configFile (t: Parameters<typeof listenTestApp>[0], content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ollama-adapter-limits-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const path = join(dir, 'config.json')
  await writeFile(path, JSON.stringify(content))
  return path
}

async function twoReplicas (t: Parameters<typeof listenTestApp>[0], limits: unknown, redis = true) {
  const env = {
    API_KEYS: [LIMITED, OTHER, TOKENS].join(','),
    CONFIG_FILE: await configFile(t, { limits }),
    ...(redis ? { REDIS_URL: await sharedTestRedis(t), REDIS_KEY_PREFIX: testKeyPrefix() } : {})
  }
  return [await listenTestApp(t, env), await listenTestApp(t, env)]
}

const chat = (url: string, key: string) => fetch(`${url}/api/chat`, {
  method: 'POST',
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }], stream: false })
})

t.test('a limit of 3 requests per minute allows 3 across both replicas and answers 429 with Retry-After on the 4th', async (t) => {
  const [a, b] = await twoReplicas(t, { requestsPerMinute: 100, keys: [{ key: LIMITED, requestsPerMinute: 3 }] })
  for (const [index, url] of [a!.url, b!.url, a!.url].entries()) t.equal((await chat(url, LIMITED)).status, 200, `request ${index + 1} answered`)

  const refused = await chat(b!.url, LIMITED)
  t.equal(refused.status, 429)
  const retryAfter = Number(refused.headers.get('retry-after'))
  t.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After is the rest of the minute (${retryAfter})`)
  t.same(await refused.json(), { error: 'rate limit exceeded: this key may make 3 requests per minute' }, 'Ollama\'s error shape')

  const ollama = new Ollama({ host: a!.url, headers: { authorization: `Bearer ${LIMITED}` } })
  await t.rejects(ollama.list(), { name: 'ResponseError', status_code: 429 }, 'the ollama client sees the 429 on the other replica too')

  const openAi = await fetch(`${a!.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${LIMITED}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }] })
  })
  t.equal(openAi.status, 429)
  t.ok(openAi.headers.get('retry-after'))
  t.match(await openAi.json(), { error: { message: 'rate limit exceeded: this key may make 3 requests per minute' } }, 'OpenAI\'s error shape on /v1')

  const anthropic = await fetch(`${b!.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': LIMITED, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'openai/fake-text', max_tokens: 16, messages: [{ role: 'user', content: 'Hello' }] })
  })
  t.equal(anthropic.status, 429)
  t.ok(anthropic.headers.get('retry-after'))
  t.match(await anthropic.json(), { type: 'error', error: { type: 'rate_limit_error', message: 'rate limit exceeded: this key may make 3 requests per minute' } }, 'Anthropic\'s error shape on /v1/messages')

  t.equal((await chat(b!.url, OTHER)).status, 200, 'another key has its own count')
  t.equal((await fetch(`${a!.url}/health/live`)).status, 200, 'probes are never limited')
})

t.test('a token budget is counted from upstream usage across both replicas', async (t) => {
  const [a, b] = await twoReplicas(t, { keys: [{ key: `sha256:${sha256(TOKENS)}`, tokensPerDay: 5 }] })
  const first = await chat(a!.url, TOKENS)
  t.equal(first.status, 200)
  const answer = await first.json() as { prompt_eval_count?: number, eval_count?: number }
  t.ok((answer.prompt_eval_count ?? 0) + (answer.eval_count ?? 0) >= 5, 'the first answer used the budget up')

  // The count is added once A's answer has ended; B sees it as soon as Redis has it.
  let refused: Response | undefined
  for (let attempt = 0; attempt < 20 && refused === undefined; attempt++) {
    const response = await chat(b!.url, TOKENS)
    if (response.status === 429) refused = response
    else await new Promise((resolve) => setTimeout(resolve, 50))
  }
  t.ok(refused, 'B refuses the key')
  t.match(await refused!.json(), { error: 'token limit exceeded: this key may use 5 tokens per day (UTC)' })
  const retryAfter = Number(refused!.headers.get('retry-after'))
  t.ok(retryAfter >= 1 && retryAfter <= 86_400, 'Retry-After is the time to the next UTC day')
  t.equal((await chat(b!.url, OTHER)).status, 200, 'a key without a budget is not counted')
})

t.test('without Redis, each replica counts for itself', async (t) => {
  const [a, b] = await twoReplicas(t, { requestsPerMinute: 1 }, false)
  t.equal((await chat(a!.url, LIMITED)).status, 200)
  t.equal((await chat(a!.url, LIMITED)).status, 429)
  t.equal((await chat(b!.url, LIMITED)).status, 200, 'B has its own count')
})

function sha256 (text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
