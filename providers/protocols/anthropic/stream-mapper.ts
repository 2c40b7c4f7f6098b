/**
 * Anthropic's named SSE events to ChatEvents: text and thinking deltas, tool_use blocks completed at
 * their stop, usage from message_start and message_delta, stop_reason at message_stop, error events.
 * Each signed thinking block's signature (and each redacted block's data) is emitted as a `thinking-signature`
 * event for clients that carry it back, and remembered under the ids of the tool calls it led to, in the memory
 * of the provider instance that made the mapper (thinking-memory.ts), for those that cannot.
 */
import type { ChatEvent, DoneReason } from '../../../src/core/chat-event.js'
import { readToolArguments } from '../../shared/tool-arguments.js'
import { newToolCallId } from '../../shared/tool-call-id.js'
import type { StreamMapper, StreamMessage } from '../../../src/core/stream-mapper.js'
import { readAnthropicError } from './error-body.js'
import type { ThinkingMemory } from './thinking-memory.js'
import type { AnthropicStreamEvent, AnthropicThinkingBlock, AnthropicUsage } from './wire-types.js'

type OpenBlock =
  | { kind: 'thinking', thinking: string, signature: string }
  | { kind: 'redacted', data: string }
  | { kind: 'tool', name: string, json: string, input: unknown }
  | { kind: 'other' }

/** `refusal`, `pause_turn`, `end_turn`, `stop_sequence` and `tool_use` all end a turn normally for Ollama. */
export function mapStopReason (reason: string): DoneReason {
  return reason === 'max_tokens' || reason === 'model_context_window_exceeded' ? 'length' : 'stop'
}

/** One per upstream stream: `map` turns each SSE event into ChatEvents, `flush` ends the answer (an error event if `message_stop` never came). */
export class AnthropicStreamMapper implements StreamMapper {
  private readonly blocks = new Map<number, OpenBlock>()
  private readonly thinkingBlocks: AnthropicThinkingBlock[] = []
  private readonly toolCallIds: string[] = []
  private promptTokens = 0
  private completionTokens = 0
  private stopReason: DoneReason | undefined
  private stopped = false

  /** `thinkingMemory`: where signed thinking is kept for the next request; absent, it is not kept. */
  constructor (private readonly thinkingMemory?: ThinkingMemory) {}

  map (message: StreamMessage): ChatEvent[] {
    let event: AnthropicStreamEvent
    try {
      event = JSON.parse(message.data) as AnthropicStreamEvent
    } catch {
      return [{ type: 'error', message: 'upstream sent a malformed stream frame' }]
    }
    // The `event:` name and the payload's `type` agree; the payload is what Anthropic's SDKs read.
    switch (event.type) {
      case 'message_start':
        this.readUsage(event.message.usage)
        return []
      case 'content_block_start':
        return this.startBlock(event.index, event.content_block)
      case 'content_block_delta':
        return this.delta(event.index, event.delta)
      case 'content_block_stop':
        return this.stopBlock(event.index)
      case 'message_delta':
        if (typeof event.delta.stop_reason === 'string') this.stopReason = mapStopReason(event.delta.stop_reason)
        this.readUsage(event.usage)
        return []
      case 'message_stop':
        this.stopped = true
        this.rememberThinking()
        return [
          { type: 'usage', promptTokens: this.promptTokens, completionTokens: this.completionTokens },
          { type: 'finish', reason: this.stopReason ?? 'stop' }
        ]
      case 'error':
        return [{ type: 'error', message: readAnthropicError(event) ?? 'upstream reported an error' }]
      default:
        // ping, and event types added after this was written
        return []
    }
  }

  flush (): ChatEvent[] {
    if (this.stopped) return []
    return [{ type: 'error', message: 'upstream stream ended before the answer was complete' }]
  }

  private startBlock (index: number, block: Extract<AnthropicStreamEvent, { type: 'content_block_start' }>['content_block']): ChatEvent[] {
    switch (block.type) {
      case 'text':
        this.blocks.set(index, { kind: 'other' })
        return block.text ? [{ type: 'text-delta', text: block.text }] : []
      case 'thinking':
        this.blocks.set(index, { kind: 'thinking', thinking: block.thinking ?? '', signature: block.signature ?? '' })
        return block.thinking ? [{ type: 'thinking-delta', text: block.thinking }] : []
      case 'redacted_thinking':
        this.blocks.set(index, { kind: 'redacted', data: block.data ?? '' })
        return []
      case 'tool_use':
        this.blocks.set(index, { kind: 'tool', name: block.name ?? '', json: '', input: block.input })
        return []
      default:
        this.blocks.set(index, { kind: 'other' })
        return []
    }
  }

  private delta (index: number, delta: Extract<AnthropicStreamEvent, { type: 'content_block_delta' }>['delta']): ChatEvent[] {
    const block = this.blocks.get(index)
    switch (delta.type) {
      case 'text_delta':
        return delta.text ? [{ type: 'text-delta', text: delta.text }] : []
      case 'thinking_delta':
        if (block?.kind === 'thinking') block.thinking += delta.thinking ?? ''
        return delta.thinking ? [{ type: 'thinking-delta', text: delta.thinking }] : []
      case 'signature_delta':
        if (block?.kind === 'thinking') block.signature += delta.signature ?? ''
        return []
      case 'input_json_delta':
        if (block?.kind === 'tool') block.json += delta.partial_json ?? ''
        return []
      default:
        return []
    }
  }

  /** Ollama sends tool calls whole, so a call is emitted once its block is complete. */
  private stopBlock (index: number): ChatEvent[] {
    const block = this.blocks.get(index)
    this.blocks.delete(index)
    if (block === undefined) return []
    if (block.kind === 'thinking') {
      if (block.signature === '') return []
      this.thinkingBlocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature })
      return [{ type: 'thinking-signature', signature: block.signature }]
    }
    if (block.kind === 'redacted') {
      this.thinkingBlocks.push({ type: 'redacted_thinking', data: block.data })
      return block.data === '' ? [] : [{ type: 'thinking-signature', signature: block.data, redacted: true }]
    }
    if (block.kind !== 'tool') return []
    // The input streams as partial JSON; a block that streamed none carries it whole at its start.
    const input = readToolArguments(block.json.trim() === '' ? block.input ?? {} : block.json)
    if (input === undefined) return [{ type: 'error', message: `upstream sent invalid arguments for tool call "${block.name}"` }]
    const id = newToolCallId()
    this.toolCallIds.push(id)
    return [{ type: 'tool-call', toolCall: { id, name: block.name, arguments: input } }]
  }

  private rememberThinking (): void {
    if (this.thinkingMemory === undefined || this.thinkingBlocks.length === 0) return
    for (const id of this.toolCallIds) this.thinkingMemory.remember(id, [...this.thinkingBlocks])
  }

  /** input_tokens arrives in message_start (sometimes again in message_delta); output_tokens is cumulative. */
  private readUsage (usage: AnthropicUsage | undefined): void {
    if (usage === undefined || usage === null) return
    if (typeof usage.input_tokens === 'number') {
      // Cached prompt tokens are still prompt tokens the model read.
      this.promptTokens = usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0)
    }
    if (typeof usage.output_tokens === 'number') this.completionTokens = usage.output_tokens
  }
}
