/**
 * Anthropic (Claude), on its native Messages API.
 * @see https://docs.claude.com/en/docs/about-claude/models/overview (model line-up checked 2026-11)
 */
import type { Capability, ModelCard, ProviderDescriptor } from '../../src/core/capabilities.js'
import { createAnthropicProtocol } from '../protocols/anthropic/protocol-with-memory.js'
import { ThinkingMemory } from '../protocols/anthropic/thinking-memory.js'
import { defineProvider, envNames } from '../define-provider.js'

const CLAUDE: readonly Capability[] = ['completion', 'tools', 'vision', 'thinking']

function claude (id: string, maxOutputTokens: number, contextLength = 200_000): ModelCard {
  return { id, capabilities: CLAUDE, contextLength, family: 'claude', maxOutputTokens }
}

export const anthropicDescriptor: ProviderDescriptor = Object.freeze<ProviderDescriptor>({
  id: 'anthropic',
  displayName: 'Anthropic',
  bareNames: /^claude-/i,
  protocol: 'anthropic-messages',
  // The host root, as Anthropic's own SDK takes it; the protocol appends /v1/messages.
  defaultBaseUrl: 'https://api.anthropic.com',
  ...envNames('anthropic'),
  defaultCapabilities: CLAUDE,
  defaultContextLength: 200_000,
  models: [
    claude('claude-opus-4-7', 128_000),
    claude('claude-opus-4-6', 128_000),
    claude('claude-sonnet-4-6', 128_000),
    claude('claude-opus-4-5', 64_000),
    claude('claude-sonnet-4-5', 64_000),
    claude('claude-haiku-4-5', 64_000),
    claude('claude-opus-4-1', 32_000)
  ]
})

// Each app's plugin keeps its own signed thinking, made when the plugin registers; with REDIS_URL, shared by every replica.
export default defineProvider(anthropicDescriptor, (_settings, { shared }) => createAnthropicProtocol(new ThinkingMemory({ shared: shared?.entries('anthropic-thinking') })))
