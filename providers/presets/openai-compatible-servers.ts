/**
 * OpenAI-compatible servers declared in the config file (vLLM, llama.cpp server, LM Studio, a company
 * gateway), each registered as a provider under its own id on the shared protocol.
 */
import fp from 'fastify-plugin'
import type { Capability, ModelCard } from '../../src/core/capabilities.js'
import type { Protocol } from '../../src/core/protocol.js'
import { readRemoteHost } from '../../src/core/remote-host.js'
import { Secret } from '../../src/core/secret.js'
import type { ConfigServer } from '../../src/config/config-file-schema.js'
import type { ProviderDefinition } from '../define-provider.js'
import { openAiCompatibleProtocol } from '../protocols/openai-compatible/protocol.js'
import type { OpenAiCompatibleDescriptor } from '../protocols/openai-compatible/quirks.js'

const DEFAULT_CAPABILITIES: readonly Capability[] = ['completion', 'tools']
const DEFAULT_CONTEXT_LENGTH = 32_768

/** Local servers often need no key: then no authorization header is sent at all. */
const keylessProtocol: Protocol = { ...openAiCompatibleProtocol, authHeaders: () => ({}) }

/** The descriptor of one config-file server: its models with the server's defaults (capabilities `completion, tools`, 32 768 tokens), its thinking switch (default none). */
export function serverDescriptor (server: ConfigServer): OpenAiCompatibleDescriptor {
  const defaultCapabilities = (server.capabilities ?? DEFAULT_CAPABILITIES)
  const defaultContextLength = server.contextLength ?? DEFAULT_CONTEXT_LENGTH
  const models = server.models.map((model): ModelCard => {
    if (typeof model === 'string') return { id: model, capabilities: defaultCapabilities, contextLength: defaultContextLength, family: server.id }
    return {
      id: model.id,
      capabilities: (model.capabilities ?? defaultCapabilities),
      contextLength: model.contextLength ?? defaultContextLength,
      family: model.family ?? server.id,
      ...(model.embeddingBatchSize === undefined ? {} : { embeddingBatchSize: model.embeddingBatchSize })
    }
  })
  return Object.freeze<OpenAiCompatibleDescriptor>({
    id: server.id,
    displayName: server.displayName ?? server.id,
    protocol: 'openai-chat',
    defaultBaseUrl: server.baseUrl,
    // Configured in the file, not the environment.
    apiKeyEnv: [],
    baseUrlEnv: '',
    modelsEnv: '',
    defaultCapabilities,
    defaultContextLength,
    models,
    quirks: {
      thinkingControl: server.thinkingControl ?? 'none',
      streamUsageOption: server.streamUsageOption ?? true
    }
  })
}

/** Registers every server of the config file; listed last in the index, so an id an active provider took is refused. */
const plugin = fp(async function openAiCompatibleServers (fastify) {
  for (const server of fastify.configFile.servers ?? []) {
    if (fastify.providers.get(server.id) !== undefined) {
      throw new Error(`CONFIG_FILE server id '${server.id}' is already a provider id; choose another`)
    }
    const descriptor = serverDescriptor(server)
    const apiKey = server.apiKey ?? ''
    const remoteHost = readRemoteHost(server.remoteHost, server.baseUrl, `CONFIG_FILE server '${server.id}' remoteHost`)
    fastify.providers.register({
      descriptor,
      protocol: apiKey === '' ? keylessProtocol : openAiCompatibleProtocol,
      apiKey: new Secret(apiKey),
      baseUrl: server.baseUrl.replace(/\/+$/, ''),
      models: descriptor.models,
      ...(remoteHost === undefined ? {} : { remoteHost })
    })
    fastify.log.info({ provider: server.id, baseUrl: server.baseUrl }, `provider ${server.id} active (config file)`)
  }
}, { name: 'provider-openai-compatible-servers', fastify: '5.x', dependencies: ['config-file', 'provider-registry'] })

/** No descriptor: the servers' ids are only known once the config file is read. */
const openAiCompatibleServers: ProviderDefinition = { plugin }

export default openAiCompatibleServers
