/**
 * Upstream reasoning state that Ollama clients cannot carry back (Anthropic thinking signatures,
 * Gemini thought signatures), kept in memory by the tool-call id we handed the client. Bounded:
 * the oldest entries go first, and an entry older than its time to live is forgotten. With shared
 * entries (Redis, REDIS_URL), each entry is also written there with the same time to live, and
 * `preload` brings the ones another replica kept into this memory before a request is built, so
 * `recall` stays synchronous.
 */
import type { NormalisedChatRequest } from '../../src/core/chat-request.js'
import type { SharedEntries } from '../../src/core/shared-entries.js'

/** Bounds of a memory: at most `maxEntries` (default 10 000), each for `ttlMs` milliseconds (default 6 hours). */
export interface ToolCallMemoryOptions {
  readonly maxEntries?: number
  readonly ttlMs?: number
  /** Where replicas share entries (values as JSON); absent, entries stay in this process. */
  readonly shared?: SharedEntries | undefined
}

/** `remember` keeps a value by tool-call id (the oldest goes past the bound); `recall` gives it back, or undefined once forgotten or expired. */
export class ToolCallMemory<T> {
  private readonly entries = new Map<string, { value: T, storedAt: number }>()
  private readonly maxEntries: number
  private readonly ttlMs: number
  private readonly shared: SharedEntries | undefined

  constructor (options: ToolCallMemoryOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000
    this.ttlMs = options.ttlMs ?? 6 * 60 * 60 * 1000
    this.shared = options.shared
  }

  /** Whether entries are shared between replicas (then call `preload` before `recall`). */
  get isShared (): boolean {
    return this.shared !== undefined
  }

  remember (toolCallId: string, value: T): void {
    this.keep(toolCallId, value)
    this.shared?.put(toolCallId, JSON.stringify(value), this.ttlMs)
  }

  /**
   * Brings the entries of `toolCallIds` that this process does not hold from the shared entries into memory;
   * what cannot be read (absent, expired, Redis down) stays unknown. Never rejects.
   */
  async preload (toolCallIds: readonly string[]): Promise<void> {
    if (this.shared === undefined) return
    const missing = [...new Set(toolCallIds)].filter((id) => this.recall(id) === undefined)
    if (missing.length === 0) return
    const values = await this.shared.getMany(missing)
    values.forEach((text, index) => {
      if (text === undefined) return
      try {
        this.keep(missing[index] as string, JSON.parse(text) as T)
      } catch {}
    })
  }

  private keep (toolCallId: string, value: T): void {
    this.entries.delete(toolCallId)
    this.entries.set(toolCallId, { value, storedAt: Date.now() })
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string
      this.entries.delete(oldest)
    }
  }

  recall (toolCallId: string): T | undefined {
    const entry = this.entries.get(toolCallId)
    if (entry === undefined) return undefined
    if (Date.now() - entry.storedAt > this.ttlMs) {
      this.entries.delete(toolCallId)
      return undefined
    }
    return entry.value
  }
}

/** The ids of every tool call the client sent back in assistant turns: what a request mapper may recall. */
export function assistantToolCallIds (request: NormalisedChatRequest): string[] {
  const ids: string[] = []
  for (const message of request.messages) {
    if (message.role !== 'assistant') continue
    for (const call of message.toolCalls ?? []) if (call.id !== undefined) ids.push(call.id)
  }
  return ids
}
