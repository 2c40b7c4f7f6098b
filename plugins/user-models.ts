/**
 * `fastify.userModels`: models clients made with `/api/create` and `/api/copy`. They are aliases with
 * origin 'user' in the registry, kept in DATA_DIR/user-models.json and loaded back at boot.
 */
import { join } from 'node:path'
import fp from 'fastify-plugin'
import type { ModelAlias, ModelPreset } from '../src/core/model-alias.js'
import { UserModelFile, type StoredModel } from '../src/store/user-model-file.js'

export interface UserModelDefinition {
  readonly name: string
  readonly target: string
  readonly preset?: ModelPreset
}

export interface UserModels {
  /** Adds or replaces a user-defined model, in the registry and on disk. */
  save(definition: UserModelDefinition): Promise<void>
  /** Removes a user-defined model; false when there is none by that name. */
  remove(name: string): Promise<boolean>
}

declare module 'fastify' {
  interface FastifyInstance {
    userModels: UserModels
  }
}

export const USER_MODELS_FILE = 'user-models.json'

export default fp(async function userModels (fastify) {
  const file = new UserModelFile(join(fastify.config.DATA_DIR, USER_MODELS_FILE))
  // A corrupt file stops the boot with its path and reason: starting empty would overwrite it on the next save.
  const stored = await file.read()
  for (const model of stored) {
    // A provider's model or a built-in or configured alias that took the name since keeps it; the file keeps the entry.
    if (fastify.providers.getAlias(model.name) !== undefined || fastify.providers.resolve(model.name) !== undefined) {
      fastify.log.warn({ file: file.path, model: model.name }, 'user-defined model not loaded: the name is now taken by a provider\'s model or an alias')
      continue
    }
    fastify.providers.addAlias(toAlias(model))
  }
  if (stored.length > 0) fastify.log.info({ file: file.path, count: stored.length }, 'user-defined models loaded')

  const byName = new Map(stored.map((model) => [nameKey(model.name), model]))
  const persist = () => file.write([...byName.values()])

  fastify.decorate('userModels', {
    async save (definition: UserModelDefinition) {
      const model: StoredModel = {
        name: definition.name,
        target: definition.target,
        // Ollama reports a created or copied model's own time, not the server's start.
        createdAt: new Date().toISOString(),
        ...(definition.preset === undefined ? {} : { preset: toStoredPreset(definition.preset) })
      }
      const previous = byName.get(nameKey(model.name))
      byName.set(nameKey(model.name), model)
      try {
        await persist()
      } catch (error) {
        if (previous === undefined) byName.delete(nameKey(model.name))
        else byName.set(nameKey(model.name), previous)
        throw error
      }
      fastify.providers.addAlias(toAlias(model))
    },
    async remove (name: string) {
      const previous = byName.get(nameKey(name))
      if (previous === undefined) return false
      byName.delete(nameKey(name))
      try {
        await persist()
      } catch (error) {
        byName.set(nameKey(name), previous)
        throw error
      }
      fastify.providers.removeAlias(name)
      return true
    }
  })
}, { name: 'user-models', fastify: '5.x', dependencies: ['config', 'provider-registry', 'model-aliases'] })

function toStoredPreset (preset: ModelPreset): NonNullable<StoredModel['preset']> {
  return {
    ...(preset.system === undefined ? {} : { system: preset.system }),
    ...(preset.options === undefined ? {} : { options: { ...preset.options } }),
    ...(preset.messages === undefined ? {} : { messages: preset.messages.map((message) => ({ role: message.role, content: message.content })) })
  }
}

function toAlias (model: StoredModel): ModelAlias {
  return {
    name: model.name,
    target: model.target,
    ...(model.preset === undefined ? {} : { preset: model.preset }),
    origin: 'user',
    ...(model.createdAt === undefined ? {} : { createdAt: model.createdAt })
  }
}

/** The registry's own equivalence: case-insensitive, `:latest` implied. */
function nameKey (name: string): string {
  const lower = name.trim().toLowerCase()
  return lower.endsWith(':latest') ? lower.slice(0, -':latest'.length) : lower
}
