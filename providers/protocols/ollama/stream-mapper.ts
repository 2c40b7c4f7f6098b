/** A real Ollama's NDJSON chat lines to ChatEvents, keeping its thinking, whole tool calls, counts and timings. */
import type { ChatEvent } from '../../../src/core/chat-event.js'
import { readToolArguments } from '../../shared/tool-arguments.js'
import { newToolCallId } from '../../shared/tool-call-id.js'
import type { StreamMapper, StreamMessage } from '../../../src/core/stream-mapper.js'
import type { OllamaChatChunk, OllamaWireToolCall } from './wire-types.js'

/** One per upstream stream: `map` turns each NDJSON line of a real Ollama into ChatEvents with its own counts and timings, `flush` ends it. */
export class OllamaStreamMapper implements StreamMapper {
  private done = false

  map (message: StreamMessage): ChatEvent[] {
    let chunk: OllamaChatChunk
    try {
      chunk = JSON.parse(message.data) as OllamaChatChunk
    } catch {
      return [{ type: 'error', message: 'upstream sent a malformed stream frame' }]
    }
    if (typeof chunk.error === 'string') return [{ type: 'error', message: chunk.error }]
    const events: ChatEvent[] = []
    // Before the text they describe: writers attach them to the next piece they write.
    if (Array.isArray(chunk.logprobs) && chunk.logprobs.length > 0) events.push({ type: 'logprobs', logprobs: chunk.logprobs })
    const { message: delta } = chunk
    // Chat lines carry `message`; generate lines (fill-in-the-middle) carry `response` and `thinking`.
    const thinking = delta?.thinking ?? chunk.thinking
    const content = delta?.content ?? chunk.response
    if (typeof thinking === 'string' && thinking !== '') events.push({ type: 'thinking-delta', text: thinking })
    if (typeof content === 'string' && content !== '') events.push({ type: 'text-delta', text: content })
    for (const call of delta?.tool_calls ?? []) {
      const toolCall = readToolCall(call)
      if (toolCall === undefined) return [...events, { type: 'error', message: `upstream sent invalid arguments for tool call "${call.function?.name ?? ''}"` }]
      events.push({ type: 'tool-call', toolCall })
    }
    if (chunk.done === true) {
      this.done = true
      events.push({
        type: 'usage',
        promptTokens: chunk.prompt_eval_count ?? 0,
        completionTokens: chunk.eval_count ?? 0,
        durations: {
          ...(chunk.load_duration === undefined ? {} : { loadNs: chunk.load_duration }),
          ...(chunk.prompt_eval_duration === undefined ? {} : { promptEvalNs: chunk.prompt_eval_duration }),
          ...(chunk.eval_duration === undefined ? {} : { evalNs: chunk.eval_duration })
        }
      })
      events.push({ type: 'finish', reason: chunk.done_reason === 'length' ? 'length' : 'stop' })
    }
    return events
  }

  flush (): ChatEvent[] {
    return this.done ? [] : [{ type: 'error', message: 'upstream stream ended before the answer was complete' }]
  }
}

/** Upstream ids are kept (they are already Ollama's); arguments may come as a JSON string from older servers. */
function readToolCall (call: OllamaWireToolCall): { id: string, name: string, arguments: Record<string, unknown> } | undefined {
  const args = readToolArguments(call.function?.arguments ?? {})
  if (args === undefined) return undefined
  return { id: typeof call.id === 'string' && call.id !== '' ? call.id : newToolCallId(), name: call.function?.name ?? '', arguments: args }
}
