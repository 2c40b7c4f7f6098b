/** Models used recently and how long they count as "loaded": what `/api/ps` lists for a proxy with no residency. */
import type { ResolvedModel } from './provider-registry.js'

export interface RecentModel {
  readonly model: ResolvedModel
  /** Epoch milliseconds; Infinity for "forever". */
  readonly expiresAt: number
}

/**
 * Where replicas share their recent models (Redis, REDIS_URL): by model name, the epoch ms each stays
 * listed (Infinity: forever). Writes do not wait and a failure is dropped; a failed read lists nothing.
 */
export interface SharedRecentModels {
  put(name: string, expiresAt: number): void
  remove(name: string): void
  list(): Promise<Array<{ readonly name: string, readonly expiresAt: number }>>
}

/** A model's shared entry is written again only when its expiry moved by more than this (ms): not on every request. */
const SHARED_WRITE_STEP_MS = 5_000

export class RecentModels {
  private readonly entries = new Map<string, RecentModel>()
  /** The expiry last written to the shared entries, by model name. */
  private readonly written = new Map<string, number>()

  constructor (private readonly shared?: SharedRecentModels) {}

  touch (model: ResolvedModel, keepAliveMs: number, now: number = Date.now()): void {
    if (keepAliveMs <= 0) {
      this.forget(model)
      return
    }
    const expiresAt = now + keepAliveMs
    this.entries.set(model.name, { model, expiresAt })
    if (this.shared === undefined) return
    const written = this.written.get(model.name)
    if (written !== undefined && Math.abs(expiresAt - written) < SHARED_WRITE_STEP_MS) return
    this.written.set(model.name, expiresAt)
    this.shared.put(model.name, expiresAt)
  }

  forget (model: ResolvedModel): void {
    this.entries.delete(model.name)
    if (this.shared === undefined) return
    this.written.delete(model.name)
    this.shared.remove(model.name)
  }

  /** Unexpired entries of this process, latest expiry first as Ollama sorts them. */
  list (now: number = Date.now()): RecentModel[] {
    for (const [name, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(name)
        this.written.delete(name)
      }
    }
    return [...this.entries.values()].sort((left, right) => right.expiresAt - left.expiresAt)
  }

  /**
   * Unexpired entries of every replica (this one's alone without shared entries or while they cannot be
   * read), each name once with its latest expiry, latest first; `resolve` turns a shared name into this
   * replica's model, and a name it does not serve is left out.
   */
  async listEverywhere (resolve: (name: string) => ResolvedModel | undefined, now: number = Date.now()): Promise<RecentModel[]> {
    const local = this.list(now)
    if (this.shared === undefined) return local
    const byName = new Map(local.map((entry) => [entry.model.name, entry]))
    for (const { name, expiresAt } of await this.shared.list().catch(() => [])) {
      if (expiresAt <= now || (byName.get(name)?.expiresAt ?? 0) >= expiresAt) continue
      const model = byName.get(name)?.model ?? resolve(name)
      if (model !== undefined) byName.set(name, { model, expiresAt })
    }
    return [...byName.values()].sort((left, right) => right.expiresAt - left.expiresAt)
  }
}
