/**
 * User-defined models in Redis, for replicas: one hash (`<prefix>user-models`, field = name key, value =
 * the StoredModel as JSON), and each change published on `<prefix>user-models:changed` in the same
 * transaction, carrying the change itself so every replica applies it the moment it arrives. While Redis
 * does not answer, nothing is written anywhere: SharedStateUnavailableError (503).
 */
import { Value } from '@sinclair/typebox/value'
import { SharedStateUnavailableError } from '../errors.js'
import type { SharedRedis } from './shared-redis.js'
import { StoredModelSchema, type StoredModel } from './user-model-file.js'
import type { UserModelChange, UserModelStore } from './user-model-store.js'

export class RedisUserModelStore implements UserModelStore {
  private readonly hash: string
  private readonly channel: string

  constructor (private readonly redis: SharedRedis) {
    this.hash = redis.key('user-models')
    this.channel = redis.key('user-models', 'changed')
  }

  get location (): string {
    return `redis ${this.hash}`
  }

  async load (): Promise<Map<string, StoredModel>> {
    const entries = await this.command(() => this.redis.client.hgetall(this.hash))
    const models = new Map<string, StoredModel>()
    for (const [key, text] of Object.entries(entries)) {
      const model = parseModel(text)
      if (model !== undefined) models.set(key, model)
    }
    return models
  }

  async save (key: string, model: StoredModel): Promise<void> {
    const change: UserModelChange = { kind: 'saved', key, model }
    await this.command(() => this.redis.client.multi().hset(this.hash, key, JSON.stringify(model)).publish(this.channel, JSON.stringify(change)).exec())
  }

  async remove (key: string): Promise<boolean> {
    const change: UserModelChange = { kind: 'removed', key }
    const results = await this.command(() => this.redis.client.multi().hdel(this.hash, key).publish(this.channel, JSON.stringify(change)).exec())
    return results?.[0]?.[1] === 1
  }

  async watch (onChange: (change: UserModelChange) => void, onResync: () => void): Promise<void> {
    // Messages published while this replica was cut off are lost: read everything again once back.
    this.redis.on('up', onResync)
    await this.redis.subscribe(this.channel, (message) => {
      const change = parseChange(message)
      if (change !== undefined) onChange(change)
    })
  }

  /** Runs a command, refusing up front while Redis is known to be down; any failure is the 503. */
  private async command<T> (run: () => Promise<T>): Promise<T> {
    if (!this.redis.available) throw new SharedStateUnavailableError()
    try {
      return await run()
    } catch (error) {
      throw new SharedStateUnavailableError({ cause: error })
    }
  }
}

function parseModel (text: string): StoredModel | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return Value.Check(StoredModelSchema, value) ? value : undefined
  } catch {
    return undefined
  }
}

function parseChange (message: string): UserModelChange | undefined {
  try {
    const value = JSON.parse(message) as Partial<{ kind: string, key: unknown, model: unknown }>
    if (typeof value.key !== 'string') return undefined
    if (value.kind === 'removed') return { kind: 'removed', key: value.key }
    if (value.kind === 'saved' && Value.Check(StoredModelSchema, value.model)) return { kind: 'saved', key: value.key, model: value.model }
  } catch {}
  return undefined
}
