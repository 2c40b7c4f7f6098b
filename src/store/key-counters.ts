/**
 * The counters behind per-key limits: requests per minute through @fastify/rate-limit's own stores (its
 * Redis store while Redis answers, its local store otherwise), and tokens per UTC day as one Redis counter
 * per key and day (`<prefix>tokens:<key id>:<day>`, kept two days) or, without Redis or while it is down,
 * a count in this process.
 */
import { createRequire } from 'node:module'
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { SharedRedis } from './shared-redis.js'

const require = createRequire(import.meta.url)
type StoreCallback = (error: Error | null, result?: { current: number, ttl: number }) => void
interface PlainStore {
  incr(key: string, callback: StoreCallback, timeWindow: number, max: number): void
}
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number) => PlainStore
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as new (continueExceeding: boolean, exponentialBackoff: boolean, redis: unknown, key?: string) => PlainStore

/**
 * A rate-limit store class for @fastify/rate-limit's `store` option: Redis's count while it answers, this
 * process's own count otherwise (and for a command that fails), so limits hold per replica during an outage.
 */
export function failoverRateLimitStore (redis: SharedRedis | undefined): FastifyRateLimitStoreCtor {
  return class FailoverStore implements FastifyRateLimitStore {
    private readonly local = new LocalStore(false, false, 10_000)
    private readonly shared = redis === undefined ? undefined : new RedisStore(false, false, redis.client, redis.key('requests', ''))

    incr (key: string, callback: StoreCallback, timeWindow: number, max: number): void {
      if (this.shared === undefined || redis?.available !== true) {
        this.local.incr(key, callback, timeWindow, max)
        return
      }
      this.shared.incr(key, (error, result) => {
        if (error === null) callback(null, result)
        else this.local.incr(key, callback, timeWindow, max)
      }, timeWindow, max)
    }

    /** One limit for every route: the same counters. */
    child (): FastifyRateLimitStore {
      return this
    }
  }
}

const DAY_KEY_TTL_SECONDS = 2 * 24 * 60 * 60

/** Tokens used per key id and UTC day. */
export class TokenBudgets {
  private readonly local = new Map<string, number>()
  private localDay = ''

  constructor (private readonly redis: SharedRedis | undefined) {}

  /** Tokens `id` used on `day` (every replica's while Redis answers, this process's otherwise). */
  async used (id: string, day: string): Promise<number> {
    if (this.redis?.available === true) {
      try {
        return Number(await this.redis.client.get(this.redis.key('tokens', id, day)) ?? 0)
      } catch {}
    }
    return this.localCount(id, day)
  }

  /** Adds `tokens` to `id`'s count for `day`; does not wait, a failed shared write is counted here instead. */
  add (id: string, day: string, tokens: number): void {
    if (tokens <= 0) return
    const redis = this.redis
    if (redis?.available === true) {
      const key = redis.key('tokens', id, day)
      redis.client.multi().incrby(key, tokens).expire(key, DAY_KEY_TTL_SECONDS).exec().catch(() => this.addLocal(id, day, tokens))
      return
    }
    this.addLocal(id, day, tokens)
  }

  private localCount (id: string, day: string): number {
    return day === this.localDay ? this.local.get(id) ?? 0 : 0
  }

  private addLocal (id: string, day: string, tokens: number): void {
    if (day !== this.localDay) {
      this.local.clear()
      this.localDay = day
    }
    this.local.set(id, (this.local.get(id) ?? 0) + tokens)
  }
}
