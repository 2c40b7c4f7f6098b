/** Every provider plugin, one line each; the env schema and the app both read this list. */
import type { ProviderDescriptor } from '../src/core/capabilities.js'
import azureProvider, { azureDescriptor } from './azure.js'
import dashScopeProvider, { dashScopeDescriptor } from './dashscope.js'
import deepSeekProvider, { deepSeekDescriptor } from './deepseek.js'
import fireworksProvider, { fireworksDescriptor } from './fireworks.js'
import groqProvider, { groqDescriptor } from './groq.js'
import mistralProvider, { mistralDescriptor } from './mistral.js'
import moonshotProvider, { moonshotDescriptor } from './moonshot.js'
import openAiProvider, { openAiDescriptor } from './openai.js'
import openAiCompatibleServers from './openai-compatible-servers.js'
import openRouterProvider, { openRouterDescriptor } from './openrouter.js'
import siliconFlowProvider, { siliconFlowDescriptor } from './siliconflow.js'
import togetherProvider, { togetherDescriptor } from './together.js'
import volcengineProvider, { volcengineDescriptor } from './volcengine.js'
import xaiProvider, { xaiDescriptor } from './xai.js'
import zhipuProvider, { zhipuDescriptor } from './zhipu.js'

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
  azureDescriptor
]
