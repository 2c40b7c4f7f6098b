/**
 * Where user-defined models (`/api/create`, `/api/copy`) live: one interface, a file in DATA_DIR for a
 * single process (UserModelFileStore) and Redis for replicas (src/store/redis-user-model-store.ts).
 * Records are whole StoredModel objects keyed by the registry's name key, so a field added to
 * StoredModel is kept by every implementation without change here.
 */
import type { StoredModel } from './user-model-file.js'
import { UserModelFile } from './user-model-file.js'

/** A change another replica (or this one) made, as the notification carries it. */
export type UserModelChange =
  | { readonly kind: 'saved', readonly key: string, readonly model: StoredModel }
  | { readonly kind: 'removed', readonly key: string }

export interface UserModelStore {
  /** Where the models are kept, for logs (a path or a Redis key; never a password). */
  readonly location: string
  /** Every stored model by key. Throws when the store cannot be read (corrupt file, Redis down). */
  load(): Promise<Map<string, StoredModel>>
  /** Adds or replaces `model` under `key`; throws (nothing changed) when it cannot be written. */
  save(key: string, model: StoredModel): Promise<void>
  /** Removes the model under `key`; false when there was none. Throws (nothing changed) when it cannot be written. */
  remove(key: string): Promise<boolean>
  /**
   * Calls `onChange` for each change made through any replica, and `onResync` when changes may have been
   * missed (a reconnection): then `load` again. Absent for stores only this process writes.
   */
  watch?(onChange: (change: UserModelChange) => void, onResync: () => void): Promise<void>
}

/** Today's single-process store: the models in memory, the whole list rewritten to DATA_DIR on each change. */
export class UserModelFileStore implements UserModelStore {
  private readonly file: UserModelFile
  private models = new Map<string, StoredModel>()

  constructor (path: string) {
    this.file = new UserModelFile(path)
  }

  get location (): string {
    return this.file.path
  }

  async load (): Promise<Map<string, StoredModel>> {
    this.models = new Map((await this.file.read()).map((model) => [nameKey(model.name), model]))
    return new Map(this.models)
  }

  async save (key: string, model: StoredModel): Promise<void> {
    const previous = this.models.get(key)
    this.models.set(key, model)
    try {
      await this.file.write([...this.models.values()])
    } catch (error) {
      if (previous === undefined) this.models.delete(key)
      else this.models.set(key, previous)
      throw error
    }
  }

  async remove (key: string): Promise<boolean> {
    const previous = this.models.get(key)
    if (previous === undefined) return false
    this.models.delete(key)
    try {
      await this.file.write([...this.models.values()])
    } catch (error) {
      this.models.set(key, previous)
      throw error
    }
    return true
  }
}

/** The registry's own name equivalence: case-insensitive, `:latest` implied. */
export function nameKey (name: string): string {
  const lower = name.trim().toLowerCase()
  return lower.endsWith(':latest') ? lower.slice(0, -':latest'.length) : lower
}
