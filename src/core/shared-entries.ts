/**
 * Entries replicas share, with a time to live (Redis when REDIS_URL is set): what a provider's protocol
 * may keep beyond one process, such as reasoning signatures by tool-call id. Values are strings (JSON);
 * a failure (Redis down) reads as "not there" and a lost write is forgotten, never an error for the request.
 */
export interface SharedEntries {
  /** The values under `keys`, in order; undefined for a key that is absent, expired or unreadable now. */
  getMany(keys: readonly string[]): Promise<Array<string | undefined>>
  /** Keeps `value` under `key` for `ttlMs` milliseconds; does not wait, and a failure is dropped. */
  put(key: string, value: string, ttlMs: number): void
}

/** Hands out one SharedEntries per namespace (`anthropic-thinking`, say); what a protocol factory is given. */
export interface SharedEntriesSource {
  entries(namespace: string): SharedEntries
}
