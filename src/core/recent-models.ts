/** Models used recently and how long they count as "loaded": what `/api/ps` lists for a proxy with no residency. */
import type { ResolvedModel } from './provider-registry.js'

export interface RecentModel {
  readonly model: ResolvedModel
  /** Epoch milliseconds; Infinity for "forever". */
  readonly expiresAt: number
}

export class RecentModels {
  private readonly entries = new Map<string, RecentModel>()

  touch (model: ResolvedModel, keepAliveMs: number, now: number = Date.now()): void {
    if (keepAliveMs <= 0) {
      this.entries.delete(model.name)
      return
    }
    this.entries.set(model.name, { model, expiresAt: now + keepAliveMs })
  }

  forget (model: ResolvedModel): void {
    this.entries.delete(model.name)
  }

  /** Unexpired entries, latest expiry first as Ollama sorts them. */
  list (now: number = Date.now()): RecentModel[] {
    for (const [name, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(name)
    }
    return [...this.entries.values()].sort((left, right) => right.expiresAt - left.expiresAt)
  }
}
