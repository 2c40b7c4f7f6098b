/**
 * ChatEvents to Responses output items and the stream events that build them, in OpenAI's order:
 * a `reasoning` item (summary text deltas), a `message` item (one output_text part), `function_call`
 * items (whole arguments in one delta: upstream calls arrive whole). An item is closed when the next
 * kind of output starts, so each item's `output_item.done` precedes the next item's `added`, and
 * clients that record items as they finish keep them in output order.
 *
 * Reasoning state (thinking signature, redacted blocks, per-call signatures) rides in the reasoning
 * item's `encrypted_content`. A call that carries a signature while no reasoning item is open (Gemini
 * signs calls, not thoughts) gets a reasoning item of its own just before it.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import type { DoneReason, ToolCall } from '../core/chat-event.js'
import { randomId } from '../core/random-id.js'
import { encodeReasoningState } from './reasoning-state.js'
import type { OutputItem } from './response-object.js'

/** One stream event before its sequence number: `type` first, then its fields. */
export type StreamEvent = { readonly type: string } & Record<string, unknown>

interface OpenReasoning {
  readonly kind: 'reasoning'
  readonly id: string
  readonly outputIndex: number
  text: string
  summaryStarted: boolean
  signature?: string
  readonly redacted: string[]
  readonly callSignatures: Map<string, string>
}

interface OpenMessage {
  readonly kind: 'message'
  readonly id: string
  readonly outputIndex: number
  text: string
}

const outputText = (text: string) => ({ type: 'output_text', annotations: [], logprobs: [], text })

export class OutputAssembler {
  /** Closed items, in output order: the answer's `output`. */
  readonly output: OutputItem[] = []
  private open: OpenReasoning | OpenMessage | undefined

  thinking (text: string): StreamEvent[] {
    if (text === '') return []
    const events = this.open?.kind === 'message' ? this.close('completed') : []
    const reasoning = this.open?.kind === 'reasoning' ? this.open : this.openReasoning(events)
    if (!reasoning.summaryStarted) {
      reasoning.summaryStarted = true
      events.push({ type: 'response.reasoning_summary_part.added', item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0, part: { type: 'summary_text', text: '' } })
    }
    reasoning.text += text
    events.push({ type: 'response.reasoning_summary_text.delta', item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0, delta: text })
    return events
  }

  /** A signature of the thinking just streamed, or a whole redacted block: kept for `encrypted_content`. */
  signature (signature: string, redacted: boolean): StreamEvent[] {
    const events = this.open?.kind === 'message' ? this.close('completed') : []
    const reasoning = this.open?.kind === 'reasoning' ? this.open : this.openReasoning(events)
    if (redacted) reasoning.redacted.push(signature)
    else reasoning.signature = signature
    return events
  }

  text (text: string): StreamEvent[] {
    if (text === '') return []
    const events = this.open?.kind === 'reasoning' ? this.close('completed') : []
    let message = this.open
    if (message === undefined) {
      message = { kind: 'message', id: randomId('msg_'), outputIndex: this.output.length, text: '' }
      this.open = message
      events.push({ type: 'response.output_item.added', output_index: message.outputIndex, item: { id: message.id, type: 'message', status: 'in_progress', content: [], role: 'assistant' } })
      events.push({ type: 'response.content_part.added', item_id: message.id, output_index: message.outputIndex, content_index: 0, part: outputText('') })
    }
    message.text += text
    events.push({ type: 'response.output_text.delta', item_id: message.id, output_index: message.outputIndex, content_index: 0, delta: text, logprobs: [] })
    return events
  }

  toolCall (call: ToolCall): StreamEvent[] {
    const events: StreamEvent[] = []
    if (call.signature !== undefined) {
      if (this.open?.kind === 'message') events.push(...this.close('completed'))
      const reasoning = this.open?.kind === 'reasoning' ? this.open : this.openReasoning(events)
      reasoning.callSignatures.set(call.id, call.signature)
    }
    if (this.open !== undefined) events.push(...this.close('completed'))
    const id = randomId('fc_')
    const outputIndex = this.output.length
    const args = JSON.stringify(call.arguments)
    const item: OutputItem = { id, type: 'function_call', status: 'completed', arguments: args, call_id: call.id, name: call.name }
    this.output.push(item)
    events.push(
      { type: 'response.output_item.added', output_index: outputIndex, item: { ...item, status: 'in_progress', arguments: '' } },
      { type: 'response.function_call_arguments.delta', item_id: id, output_index: outputIndex, delta: args },
      { type: 'response.function_call_arguments.done', item_id: id, output_index: outputIndex, arguments: args },
      { type: 'response.output_item.done', output_index: outputIndex, item }
    )
    return events
  }

  /** Closes what is still open; a message cut by the token limit is `incomplete`. */
  finish (reason: DoneReason): StreamEvent[] {
    return this.open === undefined ? [] : this.close(reason === 'length' ? 'incomplete' : 'completed')
  }

  private openReasoning (events: StreamEvent[]): OpenReasoning {
    const reasoning: OpenReasoning = { kind: 'reasoning', id: randomId('rs_'), outputIndex: this.output.length, text: '', summaryStarted: false, redacted: [], callSignatures: new Map() }
    this.open = reasoning
    events.push({ type: 'response.output_item.added', output_index: reasoning.outputIndex, item: { id: reasoning.id, type: 'reasoning', summary: [] } })
    return reasoning
  }

  private close (status: 'completed' | 'incomplete'): StreamEvent[] {
    const open = this.open
    this.open = undefined
    if (open === undefined) return []
    if (open.kind === 'message') {
      const item: OutputItem = { id: open.id, type: 'message', status, content: [outputText(open.text)], role: 'assistant' }
      this.output.push(item)
      return [
        { type: 'response.output_text.done', item_id: open.id, output_index: open.outputIndex, content_index: 0, text: open.text, logprobs: [] },
        { type: 'response.content_part.done', item_id: open.id, output_index: open.outputIndex, content_index: 0, part: outputText(open.text) },
        { type: 'response.output_item.done', output_index: open.outputIndex, item }
      ]
    }
    const summary = open.summaryStarted ? [{ type: 'summary_text', text: open.text }] : []
    const encrypted = encodeReasoningState({
      thinking: open.text,
      ...(open.signature === undefined ? {} : { thinkingSignature: open.signature }),
      redactedThinking: open.redacted,
      callSignatures: open.callSignatures
    })
    const item: OutputItem = { id: open.id, type: 'reasoning', summary, encrypted_content: encrypted }
    this.output.push(item)
    const events: StreamEvent[] = []
    if (open.summaryStarted) {
      events.push(
        { type: 'response.reasoning_summary_text.done', item_id: open.id, output_index: open.outputIndex, summary_index: 0, text: open.text },
        { type: 'response.reasoning_summary_part.done', item_id: open.id, output_index: open.outputIndex, summary_index: 0, part: { type: 'summary_text', text: open.text } }
      )
    }
    events.push({ type: 'response.output_item.done', output_index: open.outputIndex, item })
    return events
  }
}
