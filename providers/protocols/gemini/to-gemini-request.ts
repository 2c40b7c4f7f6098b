/** NormalisedChatRequest to a Gemini generateContent body: systemInstruction, contents with parts, tools, generationConfig. */
import type { ChatMessage, NormalisedChatRequest, ThinkSetting } from '../../../src/core/chat-request.js'
import { sniffImageMime } from '../../shared/image-mime.js'
import type { ProtocolContext } from '../../../src/core/protocol.js'
import { ToolCallPairing } from '../../shared/tool-call-pairing.js'
import { alwaysThinks, usesThinkingBudget } from './model-traits.js'
import { toGeminiParameters, toGeminiSchema } from './schema-subset.js'
import { SKIP_SIGNATURE_VALIDATOR, type SignatureMemory } from './signature-memory.js'
import type { GeminiContent, GeminiPart, GeminiRequest, GeminiThinkingConfig } from './wire-types.js'

/** @see https://ai.google.dev/api/generate-content#generationconfig (checked 2026-11) */
const MAX_STOP_SEQUENCES = 5
const THINKING_BUDGETS: Readonly<Record<'low' | 'medium' | 'high' | 'max', number>> = { low: 1024, medium: 8192, high: 24_576, max: 32_768 }

/** The streamed chat path for a model id, appended to the host root: `/v1beta/models/{id}:streamGenerateContent?alt=sse`. */
export function geminiStreamPath (modelId: string): string {
  return `/v1beta/models/${encodeURIComponent(modelId)}:streamGenerateContent?alt=sse`
}

/** What the Gemini request mapper reads: the model's card, and the provider instance's memory of thought signatures. */
export interface GeminiProtocolContext extends ProtocolContext {
  /** Absent: no signature is known, so Gemini 3 tool loops get Google's placeholder. */
  readonly signatureMemory?: SignatureMemory
}

/**
 * The `streamGenerateContent` body for one request: systemInstruction, contents with parts (results
 * named after the calls they answer), tools, generationConfig with thinkingConfig, and each call's
 * remembered thought signature (or Google's placeholder on Gemini 3). Never throws.
 * @see https://ai.google.dev/api/generate-content (checked 2026-11)
 */
export function toGeminiRequest (request: NormalisedChatRequest, context: GeminiProtocolContext): GeminiRequest {
  const modelId = context.card.id
  const system = request.messages.filter((message) => message.role === 'system' && message.content !== '').map((message) => message.content)
  const body: GeminiRequest = { contents: toGeminiContents(request.messages, !usesThinkingBudget(modelId), context.signatureMemory) }
  if (system.length > 0) body.systemInstruction = { parts: [{ text: system.join('\n\n') }] }
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = [{
      functionDeclarations: request.tools.map((tool) => {
        const parameters = toGeminiParameters(tool.parameters)
        return { name: tool.name, ...(tool.description === undefined ? {} : { description: tool.description }), ...(parameters === undefined ? {} : { parameters }) }
      })
    }]
  }
  const config: NonNullable<GeminiRequest['generationConfig']> = {}
  const { options } = request
  if (options.temperature !== undefined) config.temperature = options.temperature
  if (options.topP !== undefined) config.topP = options.topP
  if (options.topK !== undefined) config.topK = options.topK
  if (options.maxTokens !== undefined) config.maxOutputTokens = options.maxTokens
  // Gemini takes at most five stop sequences and refuses the request with more.
  if (options.stop !== undefined && options.stop.length > 0) config.stopSequences = options.stop.slice(0, MAX_STOP_SEQUENCES)
  if (options.seed !== undefined) config.seed = options.seed
  if (options.presencePenalty !== undefined) config.presencePenalty = options.presencePenalty
  if (options.frequencyPenalty !== undefined) config.frequencyPenalty = options.frequencyPenalty
  if (request.format !== undefined) {
    config.responseMimeType = 'application/json'
    if (request.format !== 'json') config.responseSchema = toGeminiSchema(request.format)
  }
  if (request.think !== undefined) config.thinkingConfig = thinkingConfig(request.think, modelId)
  if (request.logprobs !== undefined) {
    config.responseLogprobs = true
    if (request.logprobs.top > 0) config.logprobs = request.logprobs.top
  }
  if (Object.keys(config).length > 0) body.generationConfig = config
  return body
}

function thinkingConfig (think: ThinkSetting, modelId: string): GeminiThinkingConfig {
  const budgetModel = usesThinkingBudget(modelId)
  if (think === false) {
    // Pro models always think; the closest to "off" is to hide the thoughts and think as little as allowed.
    if (alwaysThinks(modelId)) return budgetModel ? { includeThoughts: false } : { includeThoughts: false, thinkingLevel: 'low' }
    return budgetModel ? { includeThoughts: false, thinkingBudget: 0 } : { includeThoughts: false, thinkingLevel: 'minimal' }
  }
  if (think === true) return { includeThoughts: true }
  if (budgetModel) return { includeThoughts: true, thinkingBudget: THINKING_BUDGETS[think] }
  return { includeThoughts: true, thinkingLevel: think === 'max' ? 'high' : think }
}

/**
 * Gemini has no call ids: results are matched to calls by name and order, so each result is sent with the
 * name of the call it answers (found by the client's id, else its tool_name, else position).
 */
function toGeminiContents (messages: readonly ChatMessage[], needsSignatures: boolean, signatureMemory: SignatureMemory | undefined): GeminiContent[] {
  const contents: GeminiContent[] = []
  const pairing = new ToolCallPairing()
  const append = (role: GeminiContent['role'], parts: GeminiPart[]): void => {
    if (parts.length === 0) return
    const last = contents.at(-1)
    if (last !== undefined && last.role === role) last.parts.push(...parts)
    else contents.push({ role, parts })
  }
  messages.forEach((message, messageIndex) => {
    switch (message.role) {
      case 'system':
        return
      case 'tool': {
        const call = pairing.claim(message)
        append('user', [{ functionResponse: { name: call.name || message.toolName || '', response: { name: call.name || message.toolName || '', content: message.content } } }])
        return
      }
      case 'assistant': {
        const parts: GeminiPart[] = []
        if (message.content !== '') parts.push({ text: message.content })
        const calls = message.toolCalls !== undefined && message.toolCalls.length > 0 ? pairing.openTurn(message, messageIndex) : []
        message.toolCalls?.forEach((call, callIndex) => {
          const id = calls[callIndex]?.id
          // The client's own copy first (Responses' encrypted_content), then what this provider instance remembers.
          const remembered = call.signature ?? (id === undefined ? undefined : signatureMemory?.recall(id))
          const signature = remembered ?? (needsSignatures && callIndex === 0 ? SKIP_SIGNATURE_VALIDATOR : undefined)
          parts.push({ functionCall: { name: call.name, args: call.arguments }, ...(signature === undefined ? {} : { thoughtSignature: signature }) })
        })
        append('model', parts)
        return
      }
      case 'user': {
        const parts: GeminiPart[] = []
        if (message.content !== '') parts.push({ text: message.content })
        for (const image of message.images ?? []) parts.push({ inlineData: { mimeType: sniffImageMime(image), data: image } })
        append('user', parts)
      }
    }
  })
  return contents
}
