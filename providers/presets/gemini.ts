/**
 * Google Gemini (AI Studio / Generative Language API), on its native generateContent API.
 * @see https://ai.google.dev/gemini-api/docs/models (model line-up checked 2026-11)
 */
import type { Capability, ModelCard, ProviderDescriptor } from '../../src/core/capabilities.js'
import { defineProvider, envNames } from '../define-provider.js'
import { embeddingModel } from '../shared/model-cards.js'
import { createGeminiProtocol } from '../protocols/gemini/protocol-with-memory.js'
import { SignatureMemory } from '../protocols/gemini/signature-memory.js'

const GEMINI: readonly Capability[] = ['completion', 'tools', 'vision', 'thinking']

function gemini (id: string): ModelCard {
  return { id, capabilities: GEMINI, contextLength: 1_048_576, family: 'gemini', maxOutputTokens: 65_536 }
}

export const geminiDescriptor: ProviderDescriptor = Object.freeze<ProviderDescriptor>({
  id: 'gemini',
  displayName: 'Google Gemini',
  bareNames: /^gemini-/i,
  protocol: 'gemini-generate-content',
  // The host root; the protocol appends /v1beta/models/{model}:streamGenerateContent?alt=sse.
  defaultBaseUrl: 'https://generativelanguage.googleapis.com',
  ...envNames('gemini', 'GOOGLE_API_KEY'),
  defaultCapabilities: GEMINI,
  defaultContextLength: 1_048_576,
  // batchEmbedContents takes at most 100 requests.
  defaultEmbeddingBatchSize: 100,
  models: [
    gemini('gemini-3.5-flash'),
    gemini('gemini-3.5-flash-lite'),
    gemini('gemini-3.1-pro-preview'),
    gemini('gemini-3-flash-preview'),
    gemini('gemini-2.5-pro'),
    gemini('gemini-2.5-flash'),
    gemini('gemini-2.5-flash-lite'),
    // batchEmbedContents takes at most 100 requests; 3072 is the full vector, shorter on request (outputDimensionality).
    // text-embedding-004 is left out: Google shut it down in January 2026.
    embeddingModel('gemini-embedding-001', 'gemini-embedding', { batchSize: 100, contextLength: 2048, length: 3072 })
  ]
})

// Each app's plugin keeps its own thought signatures, made when the plugin registers; with REDIS_URL, shared by every replica.
export default defineProvider(geminiDescriptor, (_settings, { shared }) => createGeminiProtocol(new SignatureMemory({ shared: shared?.entries('gemini-signatures') })))
