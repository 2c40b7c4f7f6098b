/**
 * Gemini `alt=sse` chunks to ChatEvents: thought parts are thinking, functionCall parts arrive whole and
 * get Ollama ids (their thought signatures carried on the call and remembered by the provider instance), usage is cumulative (the last one wins), and the
 * stream simply ends, so usage and finish are given at flush.
 */
import type { ChatEvent, DoneReason, Logprob, TokenLogprob } from '../../../src/core/chat-event.js'
import { tokenBytes } from '../../shared/token-bytes.js'
import { readToolArguments } from '../../shared/tool-arguments.js'
import { newToolCallId } from '../../shared/tool-call-id.js'
import type { StreamMapper, StreamMessage } from '../../../src/core/stream-mapper.js'
import { readGeminiError } from './error-body.js'
import type { SignatureMemory } from './signature-memory.js'
import type { GeminiLogprobsCandidate, GeminiLogprobsResult, GeminiStreamChunk } from './wire-types.js'

/** Finish reasons that mean the answer was withheld rather than finished. */
const BLOCKED = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'LANGUAGE'])

/** One per upstream stream: `map` turns each `alt=sse` chunk into ChatEvents, `flush` gives usage and finish, or the error of a withheld or cut answer. */
export class GeminiStreamMapper implements StreamMapper {
  private finishReason: string | undefined
  private blockReason: string | undefined
  private producedOutput = false
  private usage: { promptTokens: number, completionTokens: number } | undefined

  /** `signatureMemory`: where thought signatures are kept for the next request; absent, they are not kept. */
  constructor (private readonly signatureMemory?: SignatureMemory) {}

  map (message: StreamMessage): ChatEvent[] {
    let chunk: GeminiStreamChunk
    try {
      chunk = JSON.parse(message.data) as GeminiStreamChunk
    } catch {
      return [{ type: 'error', message: 'upstream sent a malformed stream frame' }]
    }
    if (chunk.error !== undefined && chunk.error !== null) return [{ type: 'error', message: readGeminiError(chunk) ?? 'upstream reported an error' }]
    const events: ChatEvent[] = []
    const candidate = chunk.candidates?.[0]
    // Before the text they describe: writers attach them to the next piece they write.
    if (candidate?.logprobsResult !== undefined) {
      const logprobs = readGeminiLogprobs(candidate.logprobsResult)
      if (logprobs.length > 0) events.push({ type: 'logprobs', logprobs })
    }
    const logprobEvents = events.length
    for (const part of candidate?.content?.parts ?? []) {
      if (part.functionCall !== undefined) {
        const args = readToolArguments(part.functionCall.args ?? {})
        if (args === undefined) return [...events, { type: 'error', message: `upstream sent invalid arguments for tool call "${part.functionCall.name ?? ''}"` }]
        const id = newToolCallId()
        // Carried on the call for clients that can hold it (Responses' encrypted_content), remembered for those that cannot.
        const signature = typeof part.thoughtSignature === 'string' && part.thoughtSignature !== '' ? part.thoughtSignature : undefined
        if (signature !== undefined) this.signatureMemory?.remember(id, signature)
        events.push({ type: 'tool-call', toolCall: { id, name: part.functionCall.name ?? '', arguments: args, ...(signature === undefined ? {} : { signature }) } })
      } else if (typeof part.text === 'string' && part.text !== '') {
        events.push({ type: part.thought === true ? 'thinking-delta' : 'text-delta', text: part.text })
      }
    }
    if (events.length > logprobEvents) this.producedOutput = true
    if (typeof candidate?.finishReason === 'string' && candidate.finishReason !== 'FINISH_REASON_UNSPECIFIED') this.finishReason = candidate.finishReason
    if (typeof chunk.promptFeedback?.blockReason === 'string') this.blockReason = chunk.promptFeedback.blockReason
    const usage = chunk.usageMetadata
    if (usage !== undefined && usage !== null) {
      this.usage = { promptTokens: usage.promptTokenCount ?? 0, completionTokens: (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0) }
    }
    return events
  }

  flush (): ChatEvent[] {
    if (this.blockReason !== undefined && !this.producedOutput) return [{ type: 'error', message: `upstream blocked the prompt: ${this.blockReason}` }]
    if (this.finishReason === undefined) return [{ type: 'error', message: 'upstream stream ended before the answer was complete' }]
    if (this.finishReason === 'MALFORMED_FUNCTION_CALL') return [{ type: 'error', message: 'upstream produced a malformed function call' }]
    if (BLOCKED.has(this.finishReason) && !this.producedOutput) return [{ type: 'error', message: `upstream blocked the answer: ${this.finishReason}` }]
    const events: ChatEvent[] = []
    if (this.usage !== undefined) events.push({ type: 'usage', ...this.usage })
    events.push({ type: 'finish', reason: mapFinishReason(this.finishReason) })
    return events
  }
}

/** STOP is also what Gemini says after function calls; Ollama ends those turns with stop too. */
export function mapFinishReason (reason: string): DoneReason {
  return reason === 'MAX_TOKENS' ? 'length' : 'stop'
}

/**
 * Ollama's entries from a chunk's `logprobsResult`: step i's chosen token, with step i's `topCandidates` as its
 * alternatives. Gemini reports no bytes: they are the token's UTF-8.
 * @see https://ai.google.dev/api/generate-content#LogprobsResult (checked 2026-11)
 */
export function readGeminiLogprobs (result: GeminiLogprobsResult): Logprob[] {
  return (result.chosenCandidates ?? []).map((chosen, step) => {
    const logprob: Logprob = readCandidate(chosen)
    const top = result.topCandidates?.[step]?.candidates
    if (top !== undefined && top.length > 0) logprob.top_logprobs = top.map(readCandidate)
    return logprob
  })
}

function readCandidate (candidate: GeminiLogprobsCandidate): TokenLogprob {
  const token = candidate.token ?? ''
  return { token, logprob: candidate.logProbability ?? 0, bytes: tokenBytes(token) }
}
