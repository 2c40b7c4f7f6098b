/**
 * Pairs tool results with the calls they answer when a client sent no ids (older Ollama clients):
 * calls get deterministic ids, and each result claims the first open call with its tool name, else the first open call.
 */
import type { ChatMessage } from '../../src/core/chat-request.js'

/** A call of an assistant turn: its id (the client's, or `call_<message>_<call>`) and its tool name. */
export interface PairedCall {
  readonly id: string
  readonly name: string
}

/** One per request mapping, fed the history in order: `openTurn` at each assistant turn with calls, `claim` at each tool result. */
export class ToolCallPairing {
  private openCalls: PairedCall[] = []

  /** The ids of an assistant turn's calls (the client's, or synthesised from positions); opens them for results. */
  openTurn (message: ChatMessage, messageIndex: number): PairedCall[] {
    const calls = (message.toolCalls ?? []).map((call, callIndex) => ({ id: call.id ?? `call_${messageIndex}_${callIndex}`, name: call.name }))
    this.openCalls = [...calls]
    return calls
  }

  /** The call a tool result answers: by the client's id, else by tool name, else the oldest open call. */
  claim (message: ChatMessage): PairedCall {
    if (message.toolCallId !== undefined) {
      const index = this.openCalls.findIndex((call) => call.id === message.toolCallId)
      if (index >= 0) return this.openCalls.splice(index, 1)[0] as PairedCall
      return { id: message.toolCallId, name: message.toolName ?? '' }
    }
    const byName = message.toolName === undefined ? -1 : this.openCalls.findIndex((call) => call.name === message.toolName)
    const claimed = this.openCalls.splice(byName >= 0 ? byName : 0, 1)[0]
    return claimed ?? { id: 'call_unpaired', name: message.toolName ?? '' }
  }
}
