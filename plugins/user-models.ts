/**
 * `fastify.userModels`: models clients made with `/api/create` and `/api/copy`. They are aliases with
 * origin 'user' in the registry, kept in a UserModelStore: DATA_DIR/user-models.json for one process, or
 * Redis when REDIS_URL is set, where a change made through any replica reaches every replica's registry
 * as soon as it is published (and all of them are read again after Redis comes back). The same store keeps
 * the names clients pulled (`/api/pull`, records of kind 'pulled'), so they stay listed on every replica.
 */
import { join } from 'node:path'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { ModelAlias, ModelPreset } from '../src/core/model-alias.js'
import type { StoredModel } from '../src/store/user-model-file.js'
import { RedisUserModelStore } from '../src/store/redis-user-model-store.js'
import { nameKey, UserModelFileStore, type UserModelChange, type UserModelStore } from '../src/store/user-model-store.js'

export interface UserModelDefinition {
  readonly name: string
  readonly target: string
  readonly preset?: ModelPreset
}

export interface UserModels {
  /** Adds or replaces a user-defined model, in the store and the registry; throws (nothing changed) when the store cannot be written. */
  save(definition: UserModelDefinition): Promise<void>
  /** Removes a user-defined model or a pulled name; false when there is none by that name. Throws (nothing changed) when the store cannot be written. */
  remove(name: string): Promise<boolean>
  /** Lists a name a client pulled successfully (`/api/pull`), from now on and after restarts; a user-defined model of that name stays as it is. */
  pull(name: string): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    userModels: UserModels
  }
}

export const USER_MODELS_FILE = 'user-models.json'

export default fp(async function userModels (fastify) {
  const store: UserModelStore = fastify.sharedState === undefined
    ? new UserModelFileStore(join(fastify.config.DATA_DIR, USER_MODELS_FILE))
    : new RedisUserModelStore(fastify.sharedState)
  /** The stored models this replica put in the registry, by name key. */
  const applied = new Map<string, StoredModel>()

  const apply = (key: string, model: StoredModel): void => {
    if (model.kind === 'pulled') {
      applied.set(key, model)
      fastify.providers.addPulled(model.name)
      return
    }
    // A provider's model or a built-in or configured alias that took the name since keeps it; the store keeps the entry.
    if (!applied.has(key) && isTaken(fastify, model.name)) {
      fastify.log.warn({ store: store.location, model: model.name }, 'user-defined model not loaded: the name is now taken by a provider\'s model or an alias')
      return
    }
    const previous = applied.get(key)
    if (previous !== undefined) forget(previous)
    applied.set(key, model)
    fastify.providers.addAlias(toAlias(model))
  }
  const unapply = (key: string): void => {
    const previous = applied.get(key)
    if (previous === undefined) return
    applied.delete(key)
    forget(previous)
  }
  /** Takes a stored record's name out of the registry. */
  const forget = (previous: StoredModel): void => {
    if (previous.kind === 'pulled') fastify.providers.removePulled(previous.name)
    else fastify.providers.removeAlias(previous.name)
  }
  const onChange = (change: UserModelChange): void => {
    if (change.kind === 'saved') apply(change.key, change.model)
    else unapply(change.key)
  }
  const resync = async (): Promise<void> => {
    const stored = await store.load()
    for (const key of [...applied.keys()]) if (!stored.has(key)) unapply(key)
    for (const [key, model] of stored) apply(key, model)
  }

  if (store.watch !== undefined) {
    await store.watch(onChange, () => {
      resync().catch((error: unknown) => fastify.log.warn({ err: error, store: store.location }, 'user-defined models not read again'))
    })
  }
  try {
    await resync()
  } catch (error) {
    // A corrupt file stops the boot with its path and reason: starting empty would overwrite it on the next save.
    if (store instanceof UserModelFileStore) throw error
    fastify.log.warn({ store: store.location }, 'user-defined models not loaded yet: Redis does not answer; they are read when it does')
  }
  if (applied.size > 0) fastify.log.info({ store: store.location, count: applied.size }, 'user-defined models loaded')

  fastify.decorate('userModels', {
    async save (definition: UserModelDefinition) {
      const model: StoredModel = { name: definition.name, target: definition.target, ...(definition.preset === undefined ? {} : { preset: toStoredPreset(definition.preset) }) }
      const key = nameKey(model.name)
      await store.save(key, model)
      apply(key, model)
    },
    async remove (name: string) {
      const key = nameKey(name)
      const removed = await store.remove(key)
      unapply(key)
      return removed
    },
    async pull (name: string) {
      const key = nameKey(name)
      if (applied.has(key)) return
      const model: StoredModel = { name: name.trim(), kind: 'pulled', target: name.trim() }
      await store.save(key, model)
      apply(key, model)
    }
  })
}, { name: 'user-models', fastify: '5.x', dependencies: ['config', 'shared-state', 'provider-registry', 'model-aliases'] })

/** Whether a provider's model or a non-user alias answers to `name`. */
function isTaken (fastify: FastifyInstance, name: string): boolean {
  const alias = fastify.providers.getAlias(name)
  if (alias !== undefined) return alias.origin !== 'user'
  return fastify.providers.resolve(name) !== undefined
}

function toStoredPreset (preset: ModelPreset): NonNullable<StoredModel['preset']> {
  return {
    ...(preset.system === undefined ? {} : { system: preset.system }),
    ...(preset.options === undefined ? {} : { options: { ...preset.options } }),
    ...(preset.messages === undefined ? {} : { messages: preset.messages.map((message) => ({ role: message.role, content: message.content })) })
  }
}

function toAlias (model: StoredModel): ModelAlias {
  return { name: model.name, target: model.target, ...(model.preset === undefined ? {} : { preset: model.preset }), origin: 'user' }
}
