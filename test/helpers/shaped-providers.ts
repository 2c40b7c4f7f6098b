/**
 * DeepSeek- and DashScope-shaped providers on the shared OpenAI-compatible protocol, registered against
 * the fake upstream, so fidelity tests see each provider's switches without the real preset files.
 * Model ids carry the fake upstream's scenario names; `plain` models lack tools, thinking and vision.
 */
import type { FastifyInstance } from 'fastify'
import type { Capability, ModelCard } from '../../src/core/capabilities.js'
import { Secret } from '../../src/core/secret.js'
import { openAiCompatibleProtocol } from '../../providers/protocols/openai-compatible/protocol.js'
import type { OpenAiCompatibleDescriptor, ProviderQuirks } from '../../providers/protocols/openai-compatible/quirks.js'
import { TEST_API_KEY } from './build-app.js'

const FULL: readonly Capability[] = ['completion', 'tools', 'thinking', 'vision', 'insert']

function models (family: string): ModelCard[] {
  const card = (id: string, capabilities: readonly Capability[]): ModelCard => ({ id, capabilities, contextLength: 65_536, family })
  return [
    card('fake-text', FULL),
    card('fake-tools', FULL),
    card('fake-tools-whole', FULL),
    card('fake-reasoning', FULL),
    card('fake-reasoning-tools', FULL),
    card('fake-json', FULL),
    card('plain', ['completion'])
  ]
}

function descriptor (id: string, quirks: ProviderQuirks): OpenAiCompatibleDescriptor {
  return {
    id,
    displayName: id,
    protocol: 'openai-chat',
    defaultBaseUrl: 'http://127.0.0.1:1/v1',
    apiKeyEnv: [],
    baseUrlEnv: '',
    modelsEnv: '',
    defaultCapabilities: ['completion'],
    defaultContextLength: 65_536,
    models: models(id),
    quirks
  }
}

/** As providers.md §3 describes DeepSeek: thinking.type + reasoning_effort high|max, reasoning sent back, FIM on /beta. */
export const deepSeekShaped = descriptor('fake-deepseek', {
  thinkingControl: 'thinking-type',
  streamUsageOption: true,
  reasoningEfforts: ['high', 'max'],
  reasoningHistory: 'forward',
  fillInMiddlePath: '/beta/completions'
})

/** As providers.md §2 describes DashScope: enable_thinking + thinking_budget, top_k, FIM with Qwen tokens. */
export const dashScopeShaped = descriptor('fake-dashscope', {
  thinkingControl: 'enable-thinking',
  streamUsageOption: true,
  extraSampling: ['top_k', 'repetition_penalty'],
  fillInMiddlePrompt: 'qwen-fim-tokens'
})

export function registerShapedProviders (app: FastifyInstance, baseUrl: string): void {
  for (const shaped of [deepSeekShaped, dashScopeShaped]) {
    app.providers.register({ descriptor: shaped, protocol: openAiCompatibleProtocol, apiKey: new Secret(TEST_API_KEY), baseUrl, models: shaped.models })
  }
}
