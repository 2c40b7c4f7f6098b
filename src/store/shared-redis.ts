/**
 * The connection replicas share state through (REDIS_URL): one command connection and one for
 * pub/sub, both reconnecting forever. Its availability is observable: `available`, the count of
 * `outages` since start, and the events `up` and `down` (one `down` per outage, logged once).
 * Commands fail at once while Redis is unreachable (no offline queue), so callers fall back to what
 * this replica knows instead of waiting.
 */
import { EventEmitter } from 'node:events'
import { Redis } from 'ioredis'
import type { SharedEntries, SharedEntriesSource } from '../core/shared-entries.js'

/** The minimal logger this module needs (pino and Fastify's logger fit). */
export interface SharedRedisLog {
  info(details: Record<string, unknown>, message: string): void
  warn(details: Record<string, unknown>, message: string): void
}

export interface SharedRedisOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  readonly url: string
  /** Put in front of every key and channel name. */
  readonly keyPrefix: string
  readonly log: SharedRedisLog
}

export type SharedRedisEvents = {
  /** Redis answers again (also on the first connection). */
  up: []
  /** Redis stopped answering: one event per outage. */
  down: [reason: string]
}

/** How long a command may wait for Redis before the caller falls back; reads happen before answers start. */
const COMMAND_TIMEOUT_MS = 1_000
/** Longest wait between two reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2_000

export class SharedRedis extends EventEmitter<SharedRedisEvents> implements SharedEntriesSource {
  /** For commands; fails fast while disconnected. */
  readonly client: Redis
  /** For SUBSCRIBE only (a subscribed connection takes no other command); resubscribes by itself. */
  private readonly subscriber: Redis
  private readonly handlers = new Map<string, Array<(message: string) => void>>()
  private up = false
  private downCount = 0
  private closing = false

  constructor (private readonly options: SharedRedisOptions) {
    super()
    const common = {
      lazyConnect: true,
      connectTimeout: 2_000,
      retryStrategy: (times: number) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
      // Never shut a reconnecting client for good.
      maxRetriesPerRequest: 1
    }
    this.client = new Redis(options.url, { ...common, enableOfflineQueue: false, commandTimeout: COMMAND_TIMEOUT_MS })
    this.subscriber = new Redis(options.url, { ...common, enableOfflineQueue: true })
    this.client.on('ready', () => this.markUp())
    this.client.on('error', (error: Error) => this.markDown(error.message))
    this.client.on('close', () => this.markDown('connection closed'))
    this.subscriber.on('error', () => {}) // reported through the command connection
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message)
    })
  }

  /** Connects both connections; resolves false (after one warning) when Redis cannot be reached now; retries go on. */
  async connect (): Promise<boolean> {
    const results = await Promise.allSettled([this.client.connect(), this.subscriber.connect()])
    const failed = results.find((result) => result.status === 'rejected')
    if (failed !== undefined) this.markDown((failed.reason as Error).message)
    return failed === undefined
  }

  /** Whether Redis answers right now. */
  get available (): boolean {
    return this.up
  }

  /** Outages since start: each time Redis went from answering (or never having answered) to not answering. */
  get outages (): number {
    return this.downCount
  }

  /** A key or channel name under REDIS_KEY_PREFIX. */
  key (...parts: readonly string[]): string {
    return this.options.keyPrefix + parts.join(':')
  }

  /** Plain string entries under `<prefix><namespace>:<key>`, read with MGET and written with SET PX. */
  entries (namespace: string): SharedEntries {
    const prefix = this.key(namespace, '')
    return {
      getMany: async (keys) => {
        if (keys.length === 0 || !this.up) return keys.map(() => undefined)
        try {
          const values = await this.client.mget(keys.map((key) => prefix + key))
          return values.map((value) => value ?? undefined)
        } catch {
          return keys.map(() => undefined)
        }
      },
      put: (key, value, ttlMs) => {
        if (!this.up) return
        this.client.set(prefix + key, value, 'PX', Math.max(1, Math.round(ttlMs))).catch(() => {})
      }
    }
  }

  /** Calls `handler` with every message on `channel` (a name from `key`), from any replica this one included. */
  async subscribe (channel: string, handler: (message: string) => void): Promise<void> {
    const list = this.handlers.get(channel)
    if (list !== undefined) {
      list.push(handler)
      return
    }
    this.handlers.set(channel, [handler])
    // Queued while disconnected and redone after every reconnection by ioredis itself.
    await this.subscriber.subscribe(channel).catch(() => {})
  }

  /** Closes both connections; no `down` event follows. */
  async close (): Promise<void> {
    this.closing = true
    await Promise.allSettled([this.client.quit(), this.subscriber.quit()])
    this.client.disconnect()
    this.subscriber.disconnect()
  }

  private markUp (): void {
    if (this.up) return
    this.up = true
    this.options.log.info({ redis: this.where() }, 'shared state: Redis connected')
    this.emit('up')
  }

  private markDown (reason: string): void {
    if (this.closing) return
    // The first failure of an outage is reported; the reconnection attempts that follow are not.
    if (!this.up && this.downCount > 0) return
    this.up = false
    this.downCount += 1
    this.options.log.warn({ redis: this.where(), reason }, 'shared state: Redis unavailable; chat and embeddings go on with this replica\'s own state, model changes answer 503 until it is back')
    this.emit('down', reason)
  }

  /** Host and port only: the URL may carry a password. */
  private where (): string {
    try {
      const url = new URL(this.options.url)
      return `${url.protocol}//${url.host}`
    } catch {
      return 'redis'
    }
  }
}
