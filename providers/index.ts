/** Every provider plugin, one line each; the env schema and the app both read this list. */
import type { ProviderDescriptor } from '../src/core/capabilities.js'
import openAiProvider, { openAiDescriptor } from './openai.js'
import anthropicProvider, { anthropicDescriptor } from './anthropic.js'
import geminiProvider, { geminiDescriptor } from './gemini.js'
import ollamaProvider, { ollamaDescriptor } from './ollama.js'

export const providerPlugins = [openAiProvider, anthropicProvider, geminiProvider, ollamaProvider]

export const providerDescriptors: readonly ProviderDescriptor[] = [openAiDescriptor, anthropicDescriptor, geminiDescriptor, ollamaDescriptor]
