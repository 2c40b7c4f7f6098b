/** A preset: a provider that speaks the OpenAI-compatible protocol and differs only by its data (catalogue, URL, variables, quirks). */
import { defineProvider, envNames, type ProviderDefinition } from '../../define-provider.js'
import { openAiCompatibleProtocol } from './protocol.js'
import type { OpenAiCompatibleDescriptor } from './quirks.js'

/** A preset as written in providers/presets/: the descriptor without what follows from the id and the protocol. */
export interface PresetDefinition extends Omit<OpenAiCompatibleDescriptor, 'protocol' | 'apiKeyEnv' | 'baseUrlEnv' | 'modelsEnv'> {
  /** Other variables the key is read from, after `<ID>_API_KEY`: spellings users already have (LiteLLM's, the vendor's SDK's, an older version of this tool's). */
  readonly otherApiKeyNames?: readonly string[]
}

/** The frozen descriptor of a preset, with `protocol: 'openai-chat'` and its variables named after its id (see envNames). */
export function presetDescriptor (preset: PresetDefinition): OpenAiCompatibleDescriptor {
  const { otherApiKeyNames = [], ...descriptor } = preset
  return Object.freeze<OpenAiCompatibleDescriptor>({ ...descriptor, protocol: 'openai-chat', ...envNames(preset.id, ...otherApiKeyNames) })
}

/** The index entry of a preset: its descriptor on the shared OpenAI-compatible protocol. */
export function definePreset (preset: PresetDefinition): ProviderDefinition<OpenAiCompatibleDescriptor> & { readonly descriptor: OpenAiCompatibleDescriptor } {
  return defineProvider(presetDescriptor(preset), openAiCompatibleProtocol)
}
