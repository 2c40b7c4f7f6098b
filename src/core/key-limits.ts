/**
 * Per-client-key limits (the config file's `limits`, with API_KEYS): requests per minute and tokens per
 * UTC day, defaults for every key and replacements for some, the keys named as themselves or as
 * `sha256:<hex>`. Counters are kept under the key's id (its SHA-256 in hex), never the key itself.
 */
import { createHash } from 'node:crypto'

export interface KeyLimit {
  readonly requestsPerMinute?: number | undefined
  readonly tokensPerDay?: number | undefined
}

/** The config file's `limits` section (src/config/config-file-schema.ts), structurally. */
export interface KeyLimitsConfig extends KeyLimit {
  readonly keys?: ReadonlyArray<KeyLimit & { readonly key: string }> | undefined
}

/** A presented key's limits and the id its counters are kept under. */
export interface KeyLimitEntry {
  readonly id: string
  readonly limit: KeyLimit
}

export class KeyLimits {
  private readonly defaults: KeyLimit
  /** By key id (SHA-256 hex). */
  private readonly perKey = new Map<string, KeyLimit>()
  /** The last lookups, so the hash is not computed per request for the same few keys. */
  private readonly seen = new Map<string, KeyLimitEntry | undefined>()

  constructor (config: KeyLimitsConfig | undefined) {
    this.defaults = { requestsPerMinute: config?.requestsPerMinute, tokensPerDay: config?.tokensPerDay }
    for (const entry of config?.keys ?? []) {
      const id = entry.key.startsWith('sha256:') ? entry.key.slice('sha256:'.length).toLowerCase() : keyId(entry.key)
      this.perKey.set(id, { requestsPerMinute: entry.requestsPerMinute ?? this.defaults.requestsPerMinute, tokensPerDay: entry.tokensPerDay ?? this.defaults.tokensPerDay })
    }
  }

  /** Whether any limit is set at all; when not, nothing is counted. */
  get enabled (): boolean {
    return hasLimit(this.defaults) || [...this.perKey.values()].some(hasLimit)
  }

  /** The limits of `key` (as presented), or undefined when it has none. */
  forKey (key: string): KeyLimitEntry | undefined {
    if (this.seen.has(key)) return this.seen.get(key)
    const id = keyId(key)
    const limit = this.perKey.get(id) ?? this.defaults
    const entry = hasLimit(limit) ? { id, limit } : undefined
    // Bounded: only accepted keys reach here, but keep the table small all the same.
    if (this.seen.size >= 1_000) this.seen.clear()
    this.seen.set(key, entry)
    return entry
  }
}

/** The id counters are kept under: SHA-256 of the key, hex (what `sha256:<hex>` in the config file names). */
export function keyId (key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

/** The UTC day of `now` (`YYYY-MM-DD`), the token budget's period. */
export function utcDay (now: number): string {
  return new Date(now).toISOString().slice(0, 10)
}

/** Seconds from `now` to the next UTC midnight, when a day's token budget starts again. */
export function secondsToNextUtcDay (now: number): number {
  const next = new Date(now)
  next.setUTCHours(24, 0, 0, 0)
  return Math.ceil((next.getTime() - now) / 1000)
}

function hasLimit (limit: KeyLimit): boolean {
  return limit.requestsPerMinute !== undefined || limit.tokensPerDay !== undefined
}
