/**
 * Azure OpenAI, on the shared OpenAI-compatible protocol wrapped for Azure's URLs and `api-key` header.
 * Deployments are named by their owner, so models come from AZURE_MODELS (deployment names).
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference (checked 2026-11)
 */
import { defineProvider } from '../define-provider.js'
import { createAzureProtocol, azureEndpointKind } from '../protocols/azure/protocol.js'
import { presetDescriptor } from '../protocols/openai-compatible/define-preset.js'
import { VISION } from '../shared/model-cards.js'

/** The GA data-plane version used when AZURE_API_VERSION is not set. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21'

export const azureDescriptor = presetDescriptor({
  id: 'azure',
  displayName: 'Azure OpenAI',
  // Never used: every Azure resource has its own host, so AZURE_BASE_URL is required.
  defaultBaseUrl: 'https://RESOURCE.openai.azure.com/openai',
  otherApiKeyNames: ['AZURE_OPENAI_API_KEY'],
  defaultCapabilities: VISION,
  defaultContextLength: 128_000,
  models: [],
  baseUrlRequired: true,
  settingsEnv: ['AZURE_API_VERSION'],
  quirks: {
    thinkingControl: 'reasoning-effort',
    streamUsageOption: true
  }
})

export default defineProvider(azureDescriptor, (settings) => createAzureProtocol(
  azureEndpointKind(settings.AZURE_BASE_URL ?? azureDescriptor.defaultBaseUrl),
  settings.AZURE_API_VERSION ?? DEFAULT_AZURE_API_VERSION
))
