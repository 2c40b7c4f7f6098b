/**
 * Redis stops while two replicas run: chat and embeddings go on with what each replica knows, model changes
 * answer 503 in Ollama's shape instead of being written where the other replica cannot see them, the outage
 * is counted once, and once Redis is back model changes work again. /metrics follows the connection:
 * ollama_adapter_redis_up and ollama_adapter_redis_outages_total agree with the shared-state plugin.
 */
import t from 'tap'
import { Ollama } from 'ollama'
import { listenTestApp } from '../helpers/build-app.js'
import { startRedis, testKeyPrefix } from '../helpers/redis.js'
import { scrape, total } from '../helpers/scrape.js'

/** The replica's Redis series as /metrics shows them. */
async function redisSeries (url: string): Promise<{ up: number, outages: number }> {
  const scraped = await scrape(url)
  return { up: total(scraped, 'ollama_adapter_redis_up'), outages: total(scraped, 'ollama_adapter_redis_outages_total') }
}

async function until (condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (condition()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting until ${what}`)
}

t.test('Redis stopped mid-test: chat keeps working, model management answers 503, and recovers', async (t) => {
  const redis = await startRedis(t)
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: testKeyPrefix() }
  const a = await listenTestApp(t, env)
  const b = await listenTestApp(t, env)
  const ollamaA = new Ollama({ host: a.url })
  const ollamaB = new Ollama({ host: b.url })
  await ollamaA.create({ model: 'before-outage', from: 'openai/fake-text', system: 'Made before.' })
  t.equal(a.app.sharedState?.outages, 0)
  t.same(await redisSeries(a.url), { up: 1, outages: 0 }, '/metrics: Redis up from the start')

  await redis.stop()
  await until(() => a.app.sharedState?.available === false && b.app.sharedState?.available === false, 'both replicas see Redis down')

  const answer = await ollamaB.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }] })
  t.ok(answer.message.content.length > 0, 'chat answers on B')
  const userModel = await ollamaA.chat({ model: 'before-outage', messages: [{ role: 'user', content: 'Hello' }] })
  t.ok(userModel.done, 'a user model known before the outage still answers')
  const streamed: string[] = []
  for await (const part of await ollamaA.generate({ model: 'openai/fake-text', prompt: 'Hi', stream: true })) streamed.push(part.response ?? '')
  t.ok(streamed.join('').length > 0, 'streams too')
  t.ok(Array.isArray((await ollamaA.ps()).models), '/api/ps answers with this replica\'s own list')

  const created = await fetch(`${a.url}/api/create`, { method: 'POST', body: JSON.stringify({ model: 'during-outage', from: 'openai/fake-text' }) })
  t.equal(created.status, 503)
  t.same(await created.json(), { error: 'model store unavailable: the shared state (Redis) cannot be reached, try again later' })
  const deleted = await fetch(`${b.url}/api/delete`, { method: 'DELETE', body: JSON.stringify({ model: 'before-outage' }) })
  t.equal(deleted.status, 503)
  await t.rejects(ollamaA.copy({ source: 'openai/fake-text', destination: 'copy-during-outage' }), { name: 'ResponseError', status_code: 503 }, 'the ollama client sees the 503')
  await t.rejects(ollamaB.show({ model: 'during-outage' }), { name: 'ResponseError', status_code: 404 }, 'nothing was written locally')
  t.equal(a.app.sharedState?.outages, 1, 'one outage counted')
  await ollamaA.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello again' }] })
  t.equal(a.app.sharedState?.outages, 1, 'still one: failed reconnections are not new outages')
  t.same(await redisSeries(b.url), { up: 0, outages: 1 }, '/metrics: Redis down, one outage')

  await redis.start()
  await until(() => a.app.sharedState?.available === true && b.app.sharedState?.available === true, 'both replicas reconnect')
  await ollamaA.create({ model: 'after-outage', from: 'openai/fake-text', system: 'Made after.' })
  t.equal((await ollamaB.show({ model: 'after-outage' })).system, 'Made after.', 'changes reach the other replica again')
  t.same(await redisSeries(a.url), { up: 1, outages: 1 }, '/metrics: Redis up again, the outage still counted')
})

t.test('a replica starts while Redis is down, serves chat, refuses model changes, and joins once Redis answers', async (t) => {
  const redis = await startRedis(t)
  await redis.stop()
  const replica = await listenTestApp(t, { REDIS_URL: redis.url, REDIS_KEY_PREFIX: testKeyPrefix() })
  const ollama = new Ollama({ host: replica.url })
  t.equal(replica.app.sharedState?.available, false)
  t.equal(replica.app.sharedState?.outages, 1, 'the failed start is the first outage')
  t.same(await redisSeries(replica.url), { up: 0, outages: 1 }, '/metrics: the replica reports Redis down from its start')
  t.ok((await ollama.chat({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }] })).done, 'chat answers')
  await t.rejects(ollama.create({ model: 'not-yet', from: 'openai/fake-text' }), { name: 'ResponseError', status_code: 503 })

  await redis.start()
  await until(() => replica.app.sharedState?.available === true, 'the replica connects')
  t.same(await redisSeries(replica.url), { up: 1, outages: 1 }, '/metrics: up once Redis answers')
  await ollama.create({ model: 'now-it-works', from: 'openai/fake-text', system: 'Joined.' })
  t.equal((await ollama.show({ model: 'now-it-works' })).system, 'Joined.')
})
