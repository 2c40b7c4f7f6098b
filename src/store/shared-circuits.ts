/**
 * Circuit state shared by replicas: an opening or closing decided on one replica is published on
 * `<prefix>circuits:changed` and kept in the hash `<prefix>circuits` (provider id -> epoch ms the
 * cooldown ends), which a replica reads at start and after every reconnection. Failure counts stay
 * per replica. Lost messages while Redis is down only mean a replica probes a provider itself.
 */
import type { CircuitBreakers } from '../upstream/circuit-breaker.js'
import type { SharedRedis } from './shared-redis.js'

export async function shareCircuits (redis: SharedRedis, breakers: CircuitBreakers): Promise<void> {
  const hash = redis.key('circuits')
  const channel = redis.key('circuits', 'changed')
  breakers.onChange = (providerId, openUntil) => {
    if (!redis.available) return
    const message = JSON.stringify({ providerId, openUntil })
    const write = openUntil === 0 ? redis.client.multi().hdel(hash, providerId) : redis.client.multi().hset(hash, providerId, String(openUntil))
    write.publish(channel, message).exec().catch(() => {})
  }
  const resync = async (): Promise<void> => {
    const stored = await redis.client.hgetall(hash).catch(() => ({}))
    for (const [providerId, until] of Object.entries(stored)) breakers.applyShared(providerId, Number(until))
  }
  redis.on('up', () => { void resync() })
  await redis.subscribe(channel, (message) => {
    try {
      const { providerId, openUntil } = JSON.parse(message) as { providerId: unknown, openUntil: unknown }
      if (typeof providerId === 'string' && typeof openUntil === 'number') breakers.applyShared(providerId, openUntil)
    } catch {}
  })
  if (redis.available) await resync()
}
