/**
 * ChatEvents to Anthropic content blocks, in the order the real API streams them: thinking (closed by its
 * signature when the provider signs it), redacted thinking, text, and each tool call as a whole `tool_use`.
 * Both the SSE writer and the fold apply these steps, so a streamed answer and a single one hold the same blocks.
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming (checked 2026-11)
 */
import type { ChatEvent } from '../core/chat-event.js'

export type AnthropicBlock = Record<string, unknown> & { type: string }

/** One step of a content block's life: `content_block_start`, `content_block_delta` or `content_block_stop`. */
export type BlockStep =
  | { readonly kind: 'start', readonly index: number, readonly block: AnthropicBlock }
  | { readonly kind: 'delta', readonly index: number, readonly delta: Record<string, unknown> & { type: string } }
  | { readonly kind: 'stop', readonly index: number }

type ContentEvent = Extract<ChatEvent, { type: 'text-delta' | 'thinking-delta' | 'thinking-signature' | 'tool-call' }>

export class MessageBlocks {
  private open: 'text' | 'thinking' | undefined
  private nextIndex = 0
  /** Tool calls seen so far: any makes the stop reason `tool_use`. */
  toolCalls = 0

  /** The steps one content event makes; an empty delta makes none. */
  apply (event: ContentEvent): BlockStep[] {
    switch (event.type) {
      case 'text-delta':
        if (event.text === '') return []
        return [...this.openBlock('text', { type: 'text', text: '' }), { kind: 'delta', index: this.current(), delta: { type: 'text_delta', text: event.text } }]
      case 'thinking-delta':
        if (event.text === '') return []
        return [...this.openBlock('thinking', { type: 'thinking', thinking: '', signature: '' }), { kind: 'delta', index: this.current(), delta: { type: 'thinking_delta', thinking: event.text } }]
      case 'thinking-signature': {
        if (event.redacted === true) {
          const index = this.nextIndex
          return [...this.close(), { kind: 'start', index, block: { type: 'redacted_thinking', data: event.signature } }, ...this.finish(index)]
        }
        // A signature with no thinking text before it (the provider hid the thinking) still gets its block.
        const steps = this.openBlock('thinking', { type: 'thinking', thinking: '', signature: '' })
        const index = this.current()
        this.open = undefined
        return [...steps, { kind: 'delta', index, delta: { type: 'signature_delta', signature: event.signature } }, { kind: 'stop', index }]
      }
      case 'tool-call': {
        this.toolCalls += 1
        const { id, name, arguments: input } = event.toolCall
        const index = this.nextIndex
        // Whole arguments in one delta, as Ollama streams them; the SDKs parse the joined partial_json.
        return [
          ...this.close(),
          { kind: 'start', index, block: { type: 'tool_use', id, name, input: {} } },
          { kind: 'delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(input) } },
          ...this.finish(index)
        ]
      }
    }
  }

  /** Closes the block still open, if any: at the end of the answer. */
  close (): BlockStep[] {
    if (this.open === undefined) return []
    this.open = undefined
    return [{ kind: 'stop', index: this.current() }]
  }

  private openBlock (kind: 'text' | 'thinking', block: AnthropicBlock): BlockStep[] {
    if (this.open === kind) return []
    const steps = this.close()
    const index = this.nextIndex
    this.nextIndex += 1
    this.open = kind
    return [...steps, { kind: 'start', index, block }]
  }

  /** A block started and stopped at once: it takes its index. */
  private finish (index: number): BlockStep[] {
    this.nextIndex = index + 1
    return [{ kind: 'stop', index }]
  }

  private current (): number {
    return this.nextIndex - 1
  }
}

/** Applies steps to a content list the way the SDKs accumulate a stream: deltas append, signatures replace. */
export function applyBlockSteps (content: AnthropicBlock[], steps: readonly BlockStep[]): void {
  for (const step of steps) {
    if (step.kind === 'start') content[step.index] = { ...step.block }
    if (step.kind !== 'delta') continue
    const block = content[step.index]
    if (block === undefined) continue
    const { delta } = step
    if (delta.type === 'text_delta') block.text = `${String(block.text ?? '')}${String(delta.text)}`
    if (delta.type === 'thinking_delta') block.thinking = `${String(block.thinking ?? '')}${String(delta.thinking)}`
    if (delta.type === 'signature_delta') block.signature = delta.signature
    if (delta.type === 'input_json_delta') block.input = JSON.parse(String(delta.partial_json)) as unknown
  }
}
