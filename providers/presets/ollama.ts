/**
 * A real Ollama server upstream: its models (from /api/tags, refreshed) served beside the cloud ones,
 * under `ollama/<name>` or, when OLLAMA_UPSTREAM_UNPREFIXED=true, under their own names.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md (checked 2026-11)
 */
import type { ProviderDescriptor } from '../../src/core/capabilities.js'
import { defineProvider } from '../define-provider.js'
import { ASSUMED_CAPABILITIES } from '../protocols/ollama/model-list.js'
import { ollamaProtocol } from '../protocols/ollama/protocol.js'

export const ollamaDescriptor: ProviderDescriptor = Object.freeze<ProviderDescriptor>({
  id: 'ollama',
  displayName: 'Ollama',
  protocol: 'ollama',
  defaultBaseUrl: 'http://127.0.0.1:11434',
  activation: 'base-url',
  apiKeyEnv: ['OLLAMA_UPSTREAM_API_KEY'],
  baseUrlEnv: 'OLLAMA_UPSTREAM_URL',
  modelsEnv: 'OLLAMA_UPSTREAM_MODELS',
  unprefixedEnv: 'OLLAMA_UPSTREAM_UNPREFIXED',
  refreshSecondsEnv: 'OLLAMA_UPSTREAM_REFRESH_SECONDS',
  remoteHostEnv: 'OLLAMA_UPSTREAM_REMOTE_HOST',
  defaultCapabilities: ASSUMED_CAPABILITIES,
  defaultContextLength: 4096,
  // Discovered from the server's /api/tags at boot and on every refresh.
  models: []
})

export default defineProvider(ollamaDescriptor, ollamaProtocol)
