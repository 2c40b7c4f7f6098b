/**
 * Every provider, one entry each: a preset file in presets/ and its line below. The app registers the
 * plugins in this order, the env schema and the config-file check read the descriptors, and bare model
 * names go to the first active provider here that claims them.
 */
import type { FastifyPluginAsync } from 'fastify'
import type { ProviderDescriptor } from '../src/core/capabilities.js'
import type { ProviderDefinition } from './define-provider.js'
import anthropic from './presets/anthropic.js'
import azure from './presets/azure.js'
import dashScope from './presets/dashscope.js'
import deepSeek from './presets/deepseek.js'
import fireworks from './presets/fireworks.js'
import gemini from './presets/gemini.js'
import groq from './presets/groq.js'
import mistral from './presets/mistral.js'
import moonshot from './presets/moonshot.js'
import ollama from './presets/ollama.js'
import openAi from './presets/openai.js'
import openAiCompatibleServers from './presets/openai-compatible-servers.js'
import openRouter from './presets/openrouter.js'
import siliconFlow from './presets/siliconflow.js'
import together from './presets/together.js'
import volcengine from './presets/volcengine.js'
import xai from './presets/xai.js'
import zhipu from './presets/zhipu.js'

export const providers: readonly ProviderDefinition[] = [
  openAi,
  dashScope,
  deepSeek,
  siliconFlow,
  volcengine,
  moonshot,
  zhipu,
  openRouter,
  groq,
  mistral,
  xai,
  together,
  fireworks,
  azure,
  anthropic,
  gemini,
  ollama,
  // Servers declared in CONFIG_FILE, each under its own id; last, so an id taken by an active provider is refused.
  openAiCompatibleServers
]

/** The plugins, in index order, as the app registers them. */
export const providerPlugins: readonly FastifyPluginAsync[] = providers.map((provider) => provider.plugin)

/** The descriptors of the providers defined in code (the config file's servers have none until boot). */
export const providerDescriptors: readonly ProviderDescriptor[] = providers.flatMap((provider) => provider.descriptor === undefined ? [] : [provider.descriptor])
