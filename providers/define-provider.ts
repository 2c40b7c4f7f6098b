/** Turns a descriptor and its protocol into a named provider plugin that registers itself when its key (or base URL) is set. */
import fp from 'fastify-plugin'
import type { FastifyPluginAsync } from 'fastify'
import { CAPABILITIES, isCapability, type Capability, type ModelCard, type ProviderDescriptor } from '../src/core/capabilities.js'
import type { Protocol } from '../src/core/protocol.js'
import { inferredCard } from '../src/core/listed-model.js'
import type { SharedEntriesSource } from '../src/core/shared-entries.js'
import { Secret } from '../src/core/secret.js'

/**
 * Builds the protocol inside the provider plugin, once per app: from the provider's own variables
 * (Azure's api-version), or with state that belongs to that provider instance (Anthropic's and
 * Gemini's memory of reasoning signatures).
 */
export type ProtocolFactory = (settings: Readonly<Record<string, string | undefined>>, services: ProtocolServices) => Protocol

/** What the app offers a protocol factory besides the settings. */
export interface ProtocolServices {
  /** Entries shared between replicas (REDIS_URL); undefined for a single process. */
  readonly shared: SharedEntriesSource | undefined
}

/** One entry of providers/index.ts: the plugin the app registers, and the descriptor the env schema, the config-file check and the tests read. */
export interface ProviderDefinition<Descriptor extends ProviderDescriptor = ProviderDescriptor> {
  /** Absent for providers declared at boot rather than in code (the config file's servers). */
  readonly descriptor?: Descriptor
  readonly plugin: FastifyPluginAsync
}

/**
 * The variables a provider reads, named after its id: `<ID>_API_KEY` (then the other spellings given,
 * first set wins), `<ID>_BASE_URL` and `<ID>_MODELS`, where `<ID>` is the id upper-cased with `-` as `_`
 * (`local-ai` → `LOCAL_AI_API_KEY`).
 */
export function envNames (id: string, ...otherApiKeyNames: readonly string[]): Pick<ProviderDescriptor, 'apiKeyEnv' | 'baseUrlEnv' | 'modelsEnv'> {
  const prefix = id.toUpperCase().replace(/-/g, '_')
  return { apiKeyEnv: [`${prefix}_API_KEY`, ...otherApiKeyNames], baseUrlEnv: `${prefix}_BASE_URL`, modelsEnv: `${prefix}_MODELS` }
}

/**
 * The provider's index entry: its descriptor, and a plugin named `provider-<id>` that stays inactive
 * (one log line) until its key, or for keyless providers its base URL, is set, and then registers
 * itself with the protocol (made here when a factory is given). Throws at boot (from the plugin) when
 * a `*_MODELS` entry names an unknown capability.
 */
export function defineProvider<Descriptor extends ProviderDescriptor> (
  descriptor: Descriptor,
  protocolOrFactory: Protocol | ProtocolFactory
): ProviderDefinition<Descriptor> & { readonly descriptor: Descriptor } {
  return Object.freeze({ descriptor, plugin: providerPlugin(descriptor, protocolOrFactory) })
}

function providerPlugin (descriptor: ProviderDescriptor, protocolOrFactory: Protocol | ProtocolFactory): FastifyPluginAsync {
  return fp(async function provider (fastify) {
    const apiKeyName = descriptor.apiKeyEnv.find((name) => isSet(fastify.config[name]))
    const configuredBaseUrl = fastify.config[descriptor.baseUrlEnv]
    const keyless = descriptor.activation === 'base-url'
    if (keyless ? !isSet(configuredBaseUrl) : apiKeyName === undefined) {
      fastify.log.info(`provider ${descriptor.id} inactive: ${keyless ? descriptor.baseUrlEnv : descriptor.apiKeyEnv.join(' or ')} not set`)
      return
    }
    if (descriptor.baseUrlRequired === true && !isSet(configuredBaseUrl)) {
      fastify.log.warn(`provider ${descriptor.id} inactive: ${apiKeyName} is set but ${descriptor.baseUrlEnv} is not`)
      return
    }
    const protocol = typeof protocolOrFactory === 'function' ? protocolOrFactory(fastify.config, { shared: fastify.sharedState }) : protocolOrFactory
    const baseUrl = (isSet(configuredBaseUrl) ? configuredBaseUrl : descriptor.defaultBaseUrl).replace(/\/+$/, '')
    const apiKey = new Secret(apiKeyName === undefined ? '' : fastify.config[apiKeyName] as string)
    const models = withConfiguredModels(descriptor, fastify.config[descriptor.modelsEnv])
    fastify.providers.register({
      descriptor,
      protocol,
      apiKey,
      baseUrl,
      models,
      unprefixed: descriptor.unprefixedEnv !== undefined && fastify.config[descriptor.unprefixedEnv]?.trim().toLowerCase() === 'true'
    })
    // Its live list, if the protocol has one, is read in the background by plugins/model-lists.ts.
    fastify.log.info({ provider: descriptor.id, baseUrl, models: models.length }, `provider ${descriptor.id} active`)
  }, { name: `provider-${descriptor.id}`, fastify: '5.x', dependencies: ['config', 'shared-state', 'provider-registry', 'upstream-agent'] })
}

function isSet (value: string | undefined): value is string {
  return value !== undefined && value.trim() !== ''
}

/**
 * The descriptor's catalogue plus ids listed in the provider's models variable. An entry is an id with
 * capabilities inferred from its name and the provider's defaults, or `id=completion+tools+vision` with exactly the capabilities listed.
 */
function withConfiguredModels (descriptor: ProviderDescriptor, configured: string | undefined): ModelCard[] {
  const models = [...descriptor.models]
  for (const entry of (configured ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '')) {
    const [id = '', capabilityList] = entry.split('=', 2).map((part) => part.trim())
    if (id === '' || models.some((model) => model.id.toLowerCase() === id.toLowerCase())) continue
    // A plain id is inferred (name, then the provider's defaults) until the provider's list says better; `id=caps` is the user's word.
    models.push(capabilityList === undefined
      ? inferredCard(descriptor, id)
      : { id, capabilities: readCapabilities(capabilityList, entry), contextLength: descriptor.defaultContextLength, family: descriptor.id })
  }
  return models
}

function readCapabilities (list: string, entry: string): Capability[] {
  const names = list.split('+').map((name) => name.trim()).filter((name) => name !== '')
  return names.map((name) => {
    if (!isCapability(name)) throw new Error(`model entry "${entry}": unknown capability "${name}" (known: ${CAPABILITIES.join(', ')})`)
    return name
  })
}
