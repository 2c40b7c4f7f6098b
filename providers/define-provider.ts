/** Turns a descriptor and its protocol into a named provider plugin that registers itself when its key is set. */
import fp from 'fastify-plugin'
import type { Capability, ModelCard, ProviderDescriptor } from '../src/core/capabilities.js'
import type { Protocol } from '../src/core/protocol.js'
import { Secret } from '../src/core/secret.js'

/** Builds a protocol from the provider's own variables (Azure's api-version), read once at boot. */
export type ProtocolFactory = (settings: Readonly<Record<string, string | undefined>>) => Protocol

export function defineProvider (descriptor: ProviderDescriptor, protocol: Protocol | ProtocolFactory) {
  return fp(async function provider (fastify) {
    const apiKeyName = descriptor.apiKeyEnv.find((name) => isSet(fastify.config[name]))
    if (apiKeyName === undefined) {
      fastify.log.info(`provider ${descriptor.id} inactive: ${descriptor.apiKeyEnv.join(' or ')} not set`)
      return
    }
    const configuredBaseUrl = fastify.config[descriptor.baseUrlEnv]
    if (descriptor.baseUrlRequired === true && !isSet(configuredBaseUrl)) {
      fastify.log.warn(`provider ${descriptor.id} inactive: ${apiKeyName} is set but ${descriptor.baseUrlEnv} is not`)
      return
    }
    const baseUrl = (isSet(configuredBaseUrl) ? configuredBaseUrl : descriptor.defaultBaseUrl).replace(/\/+$/, '')
    fastify.providers.register({
      descriptor,
      protocol: typeof protocol === 'function' ? protocol(fastify.config) : protocol,
      apiKey: new Secret(fastify.config[apiKeyName] as string),
      baseUrl,
      models: withConfiguredModels(descriptor, fastify.config[descriptor.modelsEnv])
    })
    fastify.log.info({ provider: descriptor.id, baseUrl }, `provider ${descriptor.id} active`)
  }, { name: `provider-${descriptor.id}`, fastify: '5.x', dependencies: ['config', 'provider-registry'] })
}

function isSet (value: string | undefined): value is string {
  return value !== undefined && value.trim() !== ''
}

/**
 * The descriptor's catalogue plus ids listed in the provider's models variable. An entry is an id with
 * the default capabilities, or `id=completion+tools+vision` with exactly the capabilities listed.
 */
function withConfiguredModels (descriptor: ProviderDescriptor, configured: string | undefined): ModelCard[] {
  const models = [...descriptor.models]
  for (const entry of (configured ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '')) {
    const [id = '', capabilityList] = entry.split('=', 2).map((part) => part.trim())
    if (id === '' || models.some((model) => model.id.toLowerCase() === id.toLowerCase())) continue
    models.push({
      id,
      capabilities: capabilityList === undefined ? descriptor.defaultCapabilities : readCapabilities(capabilityList, entry),
      contextLength: descriptor.defaultContextLength,
      family: descriptor.id
    })
  }
  return models
}

const CAPABILITIES: readonly Capability[] = ['completion', 'tools', 'thinking', 'vision', 'embedding', 'insert']

function readCapabilities (list: string, entry: string): Capability[] {
  const names = list.split('+').map((name) => name.trim()).filter((name) => name !== '')
  for (const name of names) {
    if (!CAPABILITIES.includes(name as Capability)) throw new Error(`model entry "${entry}": unknown capability "${name}" (known: ${CAPABILITIES.join(', ')})`)
  }
  return names as Capability[]
}
