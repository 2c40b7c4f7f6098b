/** A DashScope-shaped test provider with small embedding batch limits, registered on a test app next to `openai`. */
import type { FastifyInstance } from 'fastify'
import type { ModelCard } from '../../src/core/capabilities.js'
import { Secret } from '../../src/core/secret.js'
import { openAiCompatibleProtocol } from '../../providers/protocols/openai-compatible/protocol.js'
import type { OpenAiCompatibleDescriptor } from '../../providers/protocols/openai-compatible/quirks.js'
import { FAKE_EMBEDDING_LENGTH } from './fake-embeddings.js'
import type { FakeUpstream } from './fake-upstream.js'

export const FAKE_SCOPE_KEY = 'sk-fakescope-secret'

function embedding (id: string, embeddingBatchSize?: number): ModelCard {
  return { id, capabilities: ['embedding'], contextLength: 8192, family: 'qwen-embedding', embeddingLength: FAKE_EMBEDDING_LENGTH, ...(embeddingBatchSize === undefined ? {} : { embeddingBatchSize }) }
}

export const fakeScopeDescriptor: OpenAiCompatibleDescriptor = Object.freeze<OpenAiCompatibleDescriptor>({
  id: 'fakescope',
  displayName: 'Fake DashScope',
  protocol: 'openai-chat',
  defaultBaseUrl: 'http://127.0.0.1:1/v1',
  apiKeyEnv: ['FAKESCOPE_API_KEY'],
  baseUrlEnv: 'FAKESCOPE_BASE_URL',
  modelsEnv: 'FAKESCOPE_MODELS',
  defaultCapabilities: ['completion'],
  defaultContextLength: 32_768,
  models: [
    embedding('text-embedding-v4', 10),
    embedding('text-embedding-v1', 25),
    // No declared limit: the service's default batch size must keep it under the fake's 10.
    embedding('text-embedding-v3'),
    embedding('raw-embedding', 10),
    embedding('short-embedding', 10),
    // Fault scenarios for retries (see fake-embeddings.ts).
    embedding('flaky-503-2-embedding', 10),
    embedding('flaky-529-1-embedding', 10),
    embedding('flaky-429-1-embedding', 10),
    embedding('flaky-drop-1-embedding', 10),
    embedding('flaky-500-9-embedding', 10),
    embedding('refuse-400-embedding', 10),
    { id: 'qwen-plus', capabilities: ['completion', 'tools'], contextLength: 131_072, family: 'qwen' }
  ],
  quirks: { thinkingControl: 'enable-thinking', streamUsageOption: true }
})

export function registerFakeScope (app: FastifyInstance, upstream: FakeUpstream): void {
  app.providers.register({
    descriptor: fakeScopeDescriptor,
    protocol: openAiCompatibleProtocol,
    apiKey: new Secret(FAKE_SCOPE_KEY),
    baseUrl: upstream.url,
    models: fakeScopeDescriptor.models
  })
}
