/**
 * Admission, decided in one place for every dialect and for the fallback loop: which model a request gets, which
 * capabilities it needs, whether the model has them (in Ollama's order and wording), and how an alias preset merges in.
 */
import { hasCapability, type Capability, type ModelCard } from './capabilities.js'
import type { ChatMessage, NormalisedChatRequest, SamplingOptions, ThinkSetting } from './chat-request.js'
import type { DialectRequest } from './dialect.js'
import type { ModelPreset } from './model-alias.js'
import { readOptions } from './ollama-options.js'
import type { ProviderRegistry, ResolvedModel } from './provider-registry.js'
import {
  ChatUnsupportedError, EmbeddingUnsupportedError, EmbedModelNotFoundError, GenerateUnsupportedError, InsertUnsupportedError,
  LogprobsUnsupportedError, ModelNotFoundError, ModelRequiredError, ProviderNotConfiguredError, ThinkingUnsupportedError, ToolsUnsupportedError,
  VisionUnsupportedError
} from '../errors.js'

export interface RequestedModel {
  readonly model: ResolvedModel
  /** Echoed in every answer: the name as sent, or the default model when none was. */
  readonly echo: string
}

/** What a chat request asks of a model beyond `completion`, which every chat request needs. */
export interface CapabilityNeeds {
  /** `think` set, and not `false`. */
  readonly thinking: boolean
  /** At least one tool definition. */
  readonly tools: boolean
  /** A suffix: fill-in-the-middle. */
  readonly insert: boolean
  /** An image in any message. */
  readonly vision: boolean
}

/** An endpoint family's admission rules, as Ollama's two handlers differ. */
export interface AdmissionRules {
  /** No name and no DEFAULT_MODEL: 400 `model is required` (chat handler) or 404 `model '' not found` (generate handler). */
  readonly onEmptyModel: 'model-required' | 'not-found'
  /** The completion check's wording (`"x" does not support chat` or `generate`), and how a preset's messages merge. */
  readonly kind: 'chat' | 'generate'
  /**
   * Thinking asked of a model that cannot think: refused with Ollama's 400 (the default), or dropped, as Ollama's
   * Anthropic layer asks its chat handler to (`relax_thinking` in middleware/anthropic.go): Claude Code asks every model.
   */
  readonly thinkingUnsupported?: 'refuse' | 'drop'
}

/** `/api/chat`, `/v1/chat/completions` and every chat-shaped dialect. */
export const CHAT_RULES: AdmissionRules = { onEmptyModel: 'model-required', kind: 'chat' }
/** `/v1/messages`: chat, with thinking dropped for a model that cannot think. */
export const ANTHROPIC_MESSAGES_RULES: AdmissionRules = { ...CHAT_RULES, thinkingUnsupported: 'drop' }
/** `/api/generate` and `/v1/completions`, which Ollama serves on top of it. */
export const GENERATE_RULES: AdmissionRules = { onEmptyModel: 'not-found', kind: 'generate' }

/** A request admitted for a model: the model, the name to echo, and the request with the model's preset merged in. */
export interface AdmittedRequest extends RequestedModel {
  readonly chat: NormalisedChatRequest
}

/**
 * The model a name refers to. An empty name falls back to DEFAULT_MODEL; without one it throws ModelRequiredError
 * (400) or ModelNotFoundError for `''` (404) as `onEmpty` says; an unknown name throws ModelNotFoundError (404).
 */
export function resolveRequestedModel (
  registry: ProviderRegistry,
  requested: string | undefined,
  defaultModel: string | undefined,
  onEmpty: AdmissionRules['onEmptyModel']
): RequestedModel {
  const name = requested !== undefined && requested !== '' ? requested : defaultModel
  if (name === undefined || name === '') {
    if (onEmpty === 'model-required') throw new ModelRequiredError()
    throw new ModelNotFoundError('')
  }
  const model = registry.resolve(name)
  if (model === undefined) throw modelNotFound(registry, name)
  return { model, echo: name }
}

/**
 * Ollama's 404 for a name no active provider serves (ModelNotFoundError); when the name belongs to a known provider
 * that is not configured, the same 404 ending with the variable to set (ProviderNotConfiguredError).
 */
export function modelNotFound (registry: ProviderRegistry, name: string): Error {
  const provider = registry.unconfiguredProvider(name)
  if (provider === undefined) return new ModelNotFoundError(name)
  const variable = provider.activation === 'base-url' ? provider.baseUrlEnv : provider.apiKeyEnv[0] ?? provider.baseUrlEnv
  return new ProviderNotConfiguredError(name, variable, provider.displayName)
}

/** Whether a `think` setting asks for thinking (`false` asks a thinking model not to). */
export function asksThinking (think: ThinkSetting | undefined): boolean {
  return think !== undefined && think !== false
}

/** The needs a normalised request implies. */
export function needsOf (chat: NormalisedChatRequest): CapabilityNeeds {
  return {
    thinking: asksThinking(chat.think),
    tools: chat.tools !== undefined && chat.tools.length > 0,
    insert: chat.suffix !== undefined,
    vision: chat.messages.some((message) => message.images !== undefined && message.images.length > 0)
  }
}

/** The first capability the model lacks, in the order Ollama checks them: thinking, completion, tools, insert, vision. */
export function missingCapability (card: ModelCard, needs: CapabilityNeeds): Exclude<Capability, 'embedding'> | undefined {
  if (needs.thinking && !hasCapability(card, 'thinking')) return 'thinking'
  if (!hasCapability(card, 'completion')) return 'completion'
  if (needs.tools && !hasCapability(card, 'tools')) return 'tools'
  if (needs.insert && !hasCapability(card, 'insert')) return 'insert'
  if (needs.vision && !hasCapability(card, 'vision')) return 'vision'
  return undefined
}

/**
 * Throws Ollama's 400 for the first capability the model lacks. Thinking and completion quote the name as sent
 * (`"x" does not support thinking`, `"x" does not support chat|generate`); tools, insert and vision name the model's
 * full name unquoted (`x:latest does not support tools`), as Ollama's two checks word them.
 */
export function checkCapabilities (requested: RequestedModel, needs: CapabilityNeeds, kind: AdmissionRules['kind']): void {
  switch (missingCapability(requested.model.card, needs)) {
    case undefined: return
    case 'thinking': throw new ThinkingUnsupportedError(requested.echo)
    case 'completion': throw kind === 'chat' ? new ChatUnsupportedError(requested.echo) : new GenerateUnsupportedError(requested.echo)
    case 'tools': throw new ToolsUnsupportedError(requested.model.name)
    case 'insert': throw new InsertUnsupportedError(requested.model.name)
    case 'vision': throw new VisionUnsupportedError(requested.model.name)
  }
}

/** Whether a fallback can serve a request its first model was admitted for (the fallback loop skips it otherwise). */
export function canServe (model: ResolvedModel, chat: NormalisedChatRequest): boolean {
  return missingCapability(model.card, needsOf(chat)) === undefined && logprobsRefusal(model, chat) === undefined
}

/**
 * Why the model's provider cannot return the log probabilities `chat` asks for, or undefined when it can (or none
 * were asked). A protocol without `logprobsRefusal` never returns them.
 */
export function logprobsRefusal (model: ResolvedModel, chat: NormalisedChatRequest): string | undefined {
  if (chat.logprobs === undefined) return undefined
  const { protocol, descriptor } = model.provider
  if (protocol.logprobsRefusal === undefined) return `${descriptor.displayName} returns no log probabilities`
  return protocol.logprobsRefusal(chat, { descriptor, card: model.card })
}

/**
 * Throws LogprobsUnsupportedError (400, naming the model as sent) when the request asks for log probabilities its
 * model's provider cannot return, rather than dropping the ask and answering without them.
 */
export function checkLogprobs (requested: RequestedModel, chat: NormalisedChatRequest): void {
  const refusal = logprobsRefusal(requested.model, chat)
  if (refusal !== undefined) throw new LogprobsUnsupportedError(requested.echo, refusal)
}

/** The client's Ollama options over the preset's, read as Ollama reads them (a wrong type throws OptionTypeError, 500). */
export function presetOptions (preset: ModelPreset | undefined, options: Readonly<Record<string, unknown>> | null | undefined): SamplingOptions {
  return readOptions({ ...preset?.options, ...options })
}

/**
 * The request with a preset's conversation merged into its messages; the same object when there is no preset.
 * `chat`: the preset's messages come first, and its system prompt first of all when no message is a system one.
 * `generate`: a leading system message is the client's own `system`; without one the preset's system prompt (when
 * not empty) leads; the preset's messages follow it, then the prompt. A raw prompt takes none of this: do not call.
 */
export function withPresetMessages (chat: NormalisedChatRequest, preset: ModelPreset | undefined, kind: AdmissionRules['kind']): NormalisedChatRequest {
  if (preset === undefined) return chat
  return { ...chat, messages: presetConversation(chat.messages, preset, kind) }
}

function presetConversation (messages: readonly ChatMessage[], preset: ModelPreset, kind: AdmissionRules['kind']): ChatMessage[] {
  const presetMessages: readonly ChatMessage[] = preset.messages ?? []
  if (kind === 'chat') {
    const merged = [...presetMessages, ...messages]
    if (preset.system !== undefined && !merged.some((message) => message.role === 'system')) merged.unshift({ role: 'system', content: preset.system })
    return merged
  }
  const clientSystem = messages[0]?.role === 'system' ? 1 : 0
  const system: ChatMessage[] = clientSystem === 0 && preset.system ? [{ role: 'system', content: preset.system }] : []
  return [...messages.slice(0, clientSystem), ...system, ...presetMessages, ...messages.slice(clientSystem)]
}

/**
 * Admission for a dialect that reads the whole body before it looks at the model (Ollama's `/v1` layer converts the
 * request first; new dialects do the same): resolve, check capabilities, then merge the preset. The request's
 * `options.ollamaOptions` are taken as the client's Ollama options, under which the preset's sit.
 * Throws the catalogue errors of `resolveRequestedModel`, `checkCapabilities` and `presetOptions`.
 */
export function admitChat (registry: ProviderRegistry, defaultModel: string | undefined, request: DialectRequest, rules: AdmissionRules): AdmittedRequest {
  const requested = resolveRequestedModel(registry, request.model, defaultModel, rules.onEmptyModel)
  const asked = rules.thinkingUnsupported === 'drop' && asksThinking(request.chat.think) && !hasCapability(requested.model.card, 'thinking')
    ? withoutThink(request.chat)
    : request.chat
  checkCapabilities(requested, needsOf(asked), rules.kind)
  checkLogprobs(requested, asked)
  const { preset } = requested.model
  if (preset === undefined) return { model: requested.model, echo: requested.echo, chat: asked }
  const chat: NormalisedChatRequest = {
    ...asked,
    messages: presetConversation(asked.messages, preset, rules.kind),
    options: preset.options === undefined ? asked.options : presetOptions(preset, asked.options.ollamaOptions)
  }
  return { model: requested.model, echo: requested.echo, chat }
}

function withoutThink (chat: NormalisedChatRequest): NormalisedChatRequest {
  const { think, ...rest } = chat
  return rest
}

/**
 * Whether the model may be asked to embed: its provider's protocol has an embeddings API, and it is an embedding
 * model, or an id passed through that nothing lists, when the provider judges.
 */
export function canEmbed (model: ResolvedModel): boolean {
  const { protocol } = model.provider
  return (hasCapability(model.card, 'embedding') || model.card.passedThrough === true) && protocol.buildEmbedRequest !== undefined && protocol.readEmbedResponse !== undefined
}

/**
 * The model of an embedding request, with the wording of Ollama's embed handlers: no name throws ModelRequiredError
 * (400; DEFAULT_MODEL is a chat model, so it never stands in here), an unknown one EmbedModelNotFoundError (404), a
 * model that cannot embed EmbeddingUnsupportedError (400 `<name> does not support embedding`: real Ollama lets any
 * model embed, a cloud chat model cannot, and a provider's 404 would mislead).
 */
export function resolveEmbeddingModel (registry: ProviderRegistry, requested: string | undefined): RequestedModel {
  if (requested === undefined || requested === '') throw new ModelRequiredError()
  const model = registry.resolve(requested)
  if (model === undefined) throw new EmbedModelNotFoundError(requested)
  if (!canEmbed(model)) throw new EmbeddingUnsupportedError(model.name)
  return { model, echo: requested }
}
