/**
 * Log probabilities on the OpenAI-compatible protocol: whether a provider can return them for a request, and its
 * answers' `choices[].logprobs` (chat's `content` list, or the legacy completions' parallel lists) as Ollama's entries.
 * @see https://platform.openai.com/docs/api-reference/chat/streaming (choices[].logprobs, checked 2026-11)
 * @see https://platform.openai.com/docs/api-reference/completions/object (legacy logprobs, checked 2026-11)
 */
import type { Logprob, TokenLogprob } from '../../../src/core/chat-event.js'
import type { NormalisedChatRequest } from '../../../src/core/chat-request.js'
import { hasCapability } from '../../../src/core/capabilities.js'
import { tokenBytes } from '../../shared/token-bytes.js'
import type { OpenAiCompatibleContext } from './quirks.js'
import type { OpenAiChoiceLogprobs, OpenAiLegacyLogprobs, OpenAiTokenLogprob } from './wire-types.js'

/** Why the provider cannot return log probabilities for this request (`quirks.logprobs`), or undefined when it can. */
export function openAiLogprobsRefusal (request: NormalisedChatRequest, context: OpenAiCompatibleContext): string | undefined {
  const { descriptor, card } = context
  switch (descriptor.quirks.logprobs ?? 'supported') {
    case 'supported':
      return undefined
    case 'unsupported':
      return `${descriptor.displayName} returns no log probabilities`
    case 'not-while-thinking':
      if (!hasCapability(card, 'thinking') || request.think === false) return undefined
      return `${descriptor.displayName} returns none while the model thinks; turn thinking off (think: false, or reasoning_effort "none" on /v1)`
  }
}

/** Ollama's entries from one chunk's `choices[].logprobs`, either form; empty when it holds none. */
export function readOpenAiLogprobs (logprobs: OpenAiChoiceLogprobs | OpenAiLegacyLogprobs): Logprob[] {
  if ('content' in logprobs) return (logprobs.content ?? []).map(readEntry)
  if ('tokens' in logprobs) return readLegacy(logprobs as OpenAiLegacyLogprobs)
  return []
}

function readToken (entry: OpenAiTokenLogprob): TokenLogprob {
  const token = entry.token ?? ''
  return { token, logprob: entry.logprob ?? 0, bytes: Array.isArray(entry.bytes) ? entry.bytes : tokenBytes(token) }
}

function readEntry (entry: OpenAiTokenLogprob & { top_logprobs?: OpenAiTokenLogprob[] | null }): Logprob {
  const logprob: Logprob = readToken(entry)
  if (Array.isArray(entry.top_logprobs) && entry.top_logprobs.length > 0) logprob.top_logprobs = entry.top_logprobs.map(readToken)
  return logprob
}

function readLegacy (logprobs: OpenAiLegacyLogprobs): Logprob[] {
  const tokens = logprobs.tokens ?? []
  return tokens.map((token, index) => {
    const logprob: Logprob = { token, logprob: logprobs.token_logprobs?.[index] ?? 0, bytes: tokenBytes(token) }
    const top = logprobs.top_logprobs?.[index]
    if (top !== undefined && top !== null) {
      logprob.top_logprobs = Object.entries(top)
        .sort(([, left], [, right]) => right - left)
        .map(([alternative, value]) => ({ token: alternative, logprob: value, bytes: tokenBytes(alternative) }))
    }
    return logprob
  })
}
