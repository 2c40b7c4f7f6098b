/**
 * Bare model names (no `provider/` prefix) go to a provider the way LiteLLM users expect: `gpt-4o` is
 * OpenAI's, `qwen-plus` DashScope's. Each preset claims its names with `bareNames`; the registry tries
 * the active providers that claim a name in the order of providers/index.ts.
 */
import type { ProviderDescriptor } from '../../src/core/capabilities.js'
import { providerDescriptors } from '../index.js'

/**
 * Ids of the providers whose `bareNames` claim `name` (already without its `:latest` tag), in index order,
 * whether or not they are active.
 */
export function providersForBareName (name: string, descriptors: readonly ProviderDescriptor[] = providerDescriptors): string[] {
  return descriptors.filter((descriptor) => descriptor.bareNames?.test(name) === true).map((descriptor) => descriptor.id)
}
