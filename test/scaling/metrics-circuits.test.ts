/**
 * /metrics over shared circuits: a circuit one replica opens shows as open on the other replica's
 * ollama_adapter_circuit_open, while ollama_adapter_circuit_opens_total counts only the replica that decided it.
 */
import { Ollama } from 'ollama'
import t from 'tap'
import { listenTestApp } from '../helpers/build-app.js'
import { sharedTestRedis, testKeyPrefix } from '../helpers/redis.js'
import { scrape, total, type Scrape } from '../helpers/scrape.js'

async function eventually (url: string, check: (scraped: Scrape) => boolean): Promise<Scrape> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const scraped = await scrape(url)
    if (check(scraped)) return scraped
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return await scrape(url)
}

t.test('a circuit opened on replica A is open in replica B\'s /metrics, counted as an opening only on A', async (t) => {
  const env = {
    REDIS_URL: await sharedTestRedis(t),
    REDIS_KEY_PREFIX: testKeyPrefix(),
    CIRCUIT_FAILURE_THRESHOLD: '1',
    CIRCUIT_COOLDOWN_MS: '60000',
    UPSTREAM_MAX_RETRIES: '0'
  }
  const a = await listenTestApp(t, env)
  const b = await listenTestApp(t, env)
  t.equal(total(await scrape(b.url), 'ollama_adapter_circuit_open', { provider: 'openai' }), 0, 'closed before any failure')

  await t.rejects(new Ollama({ host: a.url }).chat({ model: 'openai/fake-500', messages: [{ role: 'user', content: 'Hello' }] }), { name: 'ResponseError' })
  const onA = await scrape(a.url)
  t.equal(total(onA, 'ollama_adapter_circuit_opens_total', { provider: 'openai' }), 1, 'A opened it')
  t.equal(total(onA, 'ollama_adapter_circuit_open', { provider: 'openai' }), 1)

  const onB = await eventually(b.url, (scraped) => total(scraped, 'ollama_adapter_circuit_open', { provider: 'openai' }) === 1)
  t.equal(total(onB, 'ollama_adapter_circuit_open', { provider: 'openai' }), 1, 'B shows the circuit A opened')
  t.equal(total(onB, 'ollama_adapter_circuit_opens_total', { provider: 'openai' }), 0, 'B decided no opening')
  t.equal(total(onB, 'ollama_adapter_redis_up'), 1, 'B reports Redis up')
})
