/**
 * Upstream reasoning state that Ollama clients cannot carry back (Anthropic thinking signatures,
 * Gemini thought signatures), kept in memory by the tool-call id we handed the client. Bounded:
 * the oldest entries go first, and an entry older than its time to live is forgotten.
 */

/** Bounds of a memory: at most `maxEntries` (default 10 000), each for `ttlMs` milliseconds (default 6 hours). */
export interface ToolCallMemoryOptions {
  readonly maxEntries?: number
  readonly ttlMs?: number
}

/** `remember` keeps a value by tool-call id (the oldest goes past the bound); `recall` gives it back, or undefined once forgotten or expired. */
export class ToolCallMemory<T> {
  private readonly entries = new Map<string, { value: T, storedAt: number }>()
  private readonly maxEntries: number
  private readonly ttlMs: number

  constructor (options: ToolCallMemoryOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000
    this.ttlMs = options.ttlMs ?? 6 * 60 * 60 * 1000
  }

  remember (toolCallId: string, value: T): void {
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
