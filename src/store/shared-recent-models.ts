/**
 * Recent models (`/api/ps`) shared by replicas: the hash `<prefix>recent-models`, model name -> epoch ms it
 * stays listed (`inf` for keep_alive < 0). Expired fields are dropped when read.
 */
import type { SharedRecentModels } from '../core/recent-models.js'
import type { SharedRedis } from './shared-redis.js'

export function sharedRecentModels (redis: SharedRedis): SharedRecentModels {
  const hash = redis.key('recent-models')
  return {
    put (name, expiresAt) {
      if (redis.available) redis.client.hset(hash, name, Number.isFinite(expiresAt) ? String(expiresAt) : 'inf').catch(() => {})
    },
    remove (name) {
      if (redis.available) redis.client.hdel(hash, name).catch(() => {})
    },
    async list () {
      if (!redis.available) return []
      const stored = await redis.client.hgetall(hash)
      const now = Date.now()
      const entries: Array<{ name: string, expiresAt: number }> = []
      const expired: string[] = []
      for (const [name, value] of Object.entries(stored)) {
        const expiresAt = value === 'inf' ? Infinity : Number(value)
        if (!(expiresAt > now)) expired.push(name)
        else entries.push({ name, expiresAt })
      }
      if (expired.length > 0) redis.client.hdel(hash, ...expired).catch(() => {})
      return entries
    }
  }
}
