/** OpenAI-style SSE chunks to ChatEvents: text, reasoning, tool calls accumulated by index, usage, finish. */
import type { ChatEvent, DoneReason } from '../../../src/core/chat-event.js'
import { readToolArguments } from '../../shared/tool-arguments.js'
import { newToolCallId } from '../../shared/tool-call-id.js'
import type { StreamMapper, StreamMessage } from '../../../src/core/stream-mapper.js'
import { readOpenAiError } from './error-body.js'
import { readOpenAiLogprobs } from './logprobs.js'
import type { OpenAiStreamChunk, OpenAiToolCallDelta } from './wire-types.js'

interface PendingToolCall {
  id: string
  name: string
  arguments: string
}

/** Ollama's done_reason for an OpenAI `finish_reason`: `length` stays, everything else (`stop`, `tool_calls`, `content_filter`) is `stop`. */
export function mapFinishReason (reason: string): DoneReason {
  return reason === 'length' ? 'length' : 'stop'
}

/** One per upstream stream: `map` turns each SSE chunk into ChatEvents (tool calls once whole), `flush` ends the answer (an error event if it was cut short). */
export class OpenAiStreamMapper implements StreamMapper {
  private readonly pendingToolCalls = new Map<number, PendingToolCall>()
  private lastToolIndex = -1
  private finishReason: DoneReason | undefined
  private sawDone = false

  map (message: StreamMessage): ChatEvent[] {
    if (message.data === '[DONE]') {
      this.sawDone = true
      return []
    }
    let chunk: OpenAiStreamChunk
    try {
      chunk = JSON.parse(message.data) as OpenAiStreamChunk
    } catch {
      return [{ type: 'error', message: 'upstream sent a malformed stream frame' }]
    }
    if (chunk.error !== undefined && chunk.error !== null) {
      return [{ type: 'error', message: readOpenAiError(chunk) ?? 'upstream reported an error' }]
    }
    const events: ChatEvent[] = []
    const choice = chunk.choices?.[0]
    // Before the text they describe: writers attach them to the next piece they write.
    if (choice?.logprobs !== undefined && choice.logprobs !== null) {
      const logprobs = readOpenAiLogprobs(choice.logprobs)
      if (logprobs.length > 0) events.push({ type: 'logprobs', logprobs })
    }
    const delta = choice?.delta
    if (delta !== undefined && delta !== null) {
      const reasoning = delta.reasoning_content ?? delta.reasoning
      if (typeof reasoning === 'string' && reasoning !== '') events.push({ type: 'thinking-delta', text: reasoning })
      if (typeof delta.content === 'string' && delta.content !== '') events.push({ type: 'text-delta', text: delta.content })
      if (Array.isArray(delta.tool_calls)) {
        for (const toolCallDelta of delta.tool_calls) this.accumulate(toolCallDelta)
      }
    }
    // Legacy completions (fill-in-the-middle) stream their text beside the delta.
    if (typeof choice?.text === 'string' && choice.text !== '') events.push({ type: 'text-delta', text: choice.text })
    if (typeof choice?.finish_reason === 'string' && choice.finish_reason !== '') {
      this.finishReason = mapFinishReason(choice.finish_reason)
      events.push(...this.takeToolCalls())
    }
    if (chunk.usage !== undefined && chunk.usage !== null) {
      events.push({ type: 'usage', promptTokens: chunk.usage.prompt_tokens ?? 0, completionTokens: chunk.usage.completion_tokens ?? 0 })
    }
    return events
  }

  flush (): ChatEvent[] {
    const events = this.takeToolCalls()
    if (this.finishReason === undefined && !this.sawDone) {
      events.push({ type: 'error', message: 'upstream stream ended before the answer was complete' })
      return events
    }
    events.push({ type: 'finish', reason: this.finishReason ?? 'stop' })
    return events
  }

  /**
   * Ids and names come once; an empty id, a null name or a missing index continue the open call.
   * Without an index, a new non-empty id starts the next call (Mistral sends whole calls that way);
   * the open call's id repeated is a continuation (some servers repeat it on every delta).
   */
  private accumulate (delta: OpenAiToolCallDelta): void {
    const id = typeof delta.id === 'string' ? delta.id : ''
    let index = delta.index
    if (index === undefined || index === null) {
      const open = this.pendingToolCalls.get(this.lastToolIndex)
      const name = delta.function?.name ?? ''
      const startsNewCall = this.lastToolIndex < 0 || open === undefined ||
        (id !== '' && open.id !== '' && open.id !== id) ||
        // Whole calls without ids (Gemini's compatible API): a name after a finished call opens the next one.
        (id === '' && name !== '' && open.name !== '' && open.arguments.trim() !== '' && readToolArguments(open.arguments) !== undefined)
      index = startsNewCall ? this.lastToolIndex + 1 : this.lastToolIndex
    }
    this.lastToolIndex = Math.max(this.lastToolIndex, index)
    let pending = this.pendingToolCalls.get(index)
    if (pending === undefined) {
      pending = { id: '', name: '', arguments: '' }
      this.pendingToolCalls.set(index, pending)
    }
    if (pending.id === '' && id !== '') pending.id = id
    if (typeof delta.function?.name === 'string' && delta.function.name !== '') pending.name = delta.function.name
    if (typeof delta.function?.arguments === 'string') pending.arguments += delta.function.arguments
  }

  private takeToolCalls (): ChatEvent[] {
    const events: ChatEvent[] = []
    const indices = [...this.pendingToolCalls.keys()].sort((left, right) => left - right)
    for (const index of indices) {
      const pending = this.pendingToolCalls.get(index) as PendingToolCall
      const parsed = readToolArguments(pending.arguments)
      if (parsed === undefined) {
        events.push({ type: 'error', message: `upstream sent invalid arguments for tool call "${pending.name}"` })
        break
      }
      events.push({ type: 'tool-call', toolCall: { id: newToolCallId(), name: pending.name, arguments: parsed } })
    }
    this.pendingToolCalls.clear()
    return events
  }
}
