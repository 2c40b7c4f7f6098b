/** The config file's aliases as registry aliases. */
import type { ModelAlias, ModelPreset } from '../core/model-alias.js'
import type { ConfigFile } from './config-file-schema.js'

export function configAliases (config: ConfigFile): ModelAlias[] {
  return Object.entries(config.aliases ?? {}).map(([name, entry]) => {
    if (typeof entry === 'string') return { name, target: entry, origin: 'config' }
    const preset: ModelPreset = {
      ...(entry.system === undefined ? {} : { system: entry.system }),
      ...(entry.options === undefined ? {} : { options: entry.options })
    }
    return {
      name,
      target: entry.target,
      ...(entry.system === undefined && entry.options === undefined ? {} : { preset }),
      ...(entry.fallbacks === undefined ? {} : { fallbacks: entry.fallbacks }),
      origin: 'config'
    }
  })
}
