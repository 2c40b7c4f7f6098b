/** Every provider plugin, one line each; the env schema and the app both read this list. */
import type { ProviderDescriptor } from '../src/core/capabilities.js'
import azureProvider, { azureDescriptor } from './presets/azure.js'
import dashScopeProvider, { dashScopeDescriptor } from './presets/dashscope.js'
import deepSeekProvider, { deepSeekDescriptor } from './presets/deepseek.js'
import fireworksProvider, { fireworksDescriptor } from './presets/fireworks.js'
import groqProvider, { groqDescriptor } from './presets/groq.js'
import mistralProvider, { mistralDescriptor } from './presets/mistral.js'
import moonshotProvider, { moonshotDescriptor } from './presets/moonshot.js'
import openAiProvider, { openAiDescriptor } from './presets/openai.js'
import anthropicProvider, { anthropicDescriptor } from './presets/anthropic.js'
import geminiProvider, { geminiDescriptor } from './presets/gemini.js'
import ollamaProvider, { ollamaDescriptor } from './presets/ollama.js'
import openAiCompatibleServers from './presets/openai-compatible-servers.js'
import openRouterProvider, { openRouterDescriptor } from './presets/openrouter.js'
import siliconFlowProvider, { siliconFlowDescriptor } from './presets/siliconflow.js'
import togetherProvider, { togetherDescriptor } from './presets/together.js'
import volcengineProvider, { volcengineDescriptor } from './presets/volcengine.js'
import xaiProvider, { xaiDescriptor } from './presets/xai.js'
import zhipuProvider, { zhipuDescriptor } from './presets/zhipu.js'

export const providerPlugins = [
  openAiProvider,
  dashScopeProvider,
  deepSeekProvider,
  siliconFlowProvider,
  volcengineProvider,
  moonshotProvider,
  zhipuProvider,
  openRouterProvider,
  groqProvider,
  mistralProvider,
  xaiProvider,
  togetherProvider,
  fireworksProvider,
  azureProvider,
  anthropicProvider,
  geminiProvider,
  ollamaProvider,
  // Servers declared in CONFIG_FILE, each under its own id; last, so an id taken by an active provider is refused.
  openAiCompatibleServers
]

export const providerDescriptors: readonly ProviderDescriptor[] = [
  openAiDescriptor,
  dashScopeDescriptor,
  deepSeekDescriptor,
  siliconFlowDescriptor,
  volcengineDescriptor,
  moonshotDescriptor,
  zhipuDescriptor,
  openRouterDescriptor,
  groqDescriptor,
  mistralDescriptor,
  xaiDescriptor,
  togetherDescriptor,
  fireworksDescriptor,
  azureDescriptor,
  anthropicDescriptor,
  geminiDescriptor,
  ollamaDescriptor
]
