/**
 * Stop strings the provider was not sent (over its limit, or a kind it refuses: src/core/protocol.ts `sentStops`),
 * enforced here as Ollama's runner enforces them: the answer ends just before the first stop string, found across
 * delta boundaries, with `done_reason: "stop"`, and the provider's stream is let go. Only answer text is cut (not
 * thinking). At most the longest stop string's length minus one character is ever held back: the longest tail of
 * the text so far that could still begin a stop string.
 */
import type { ChatEvent } from './chat-event.js'
import type { NormalisedChatRequest } from './chat-request.js'
import { estimateInputTokens, estimateTextTokens } from './estimate-tokens.js'

/**
 * The stop strings of `stops` that `sent` leaves out, or undefined when the provider was sent them all (the
 * pipeline then adds nothing to the stream). Empty strings never stop anything and are ignored.
 */
export function unsentStops (stops: readonly string[] | undefined, sent: readonly string[]): readonly string[] | undefined {
  if (stops === undefined) return undefined
  const left = stops.filter((stop) => stop !== '' && !sent.includes(stop))
  return left.length === 0 ? undefined : left
}

/**
 * `events` cut at the first occurrence of any of `stops` in the answer text: the text before it, then a `finish`
 * with reason `stop`, and nothing after (the source is closed, which lets the upstream go). Other events pass in
 * order; held-back text is let out before any of them. The provider's usage, which would have come after the cut,
 * is replaced by an o200k_base estimate (src/core/estimate-tokens.ts) of `chat`'s input and the text let out, unless
 * the provider reported usage before the cut: Ollama's final chunk always has its counts.
 * @param stops non-empty strings (`unsentStops`)
 */
export async function * cutAtStops (events: AsyncIterable<ChatEvent>, stops: readonly string[], chat: NormalisedChatRequest): AsyncGenerator<ChatEvent> {
  let held = ''
  let reported = false
  let outputTokens = 0
  for await (const event of events) {
    if (event.type !== 'text-delta') {
      if (held !== '') {
        yield { type: 'text-delta', text: held }
        outputTokens += await estimateTextTokens([held])
        held = ''
      }
      if (event.type === 'usage') reported = true
      else if (event.type === 'thinking-delta' && event.text !== '') outputTokens += await estimateTextTokens([event.text])
      yield event
      continue
    }
    const text = held + event.text
    const cut = firstStop(text, stops)
    if (cut !== undefined) {
      const before = text.slice(0, cut)
      if (before !== '') yield { type: 'text-delta', text: before }
      if (!reported) yield { type: 'usage', promptTokens: await estimateInputTokens(chat), completionTokens: outputTokens + (before === '' ? 0 : await estimateTextTokens([before])) }
      yield { type: 'finish', reason: 'stop' }
      return
    }
    const keep = heldTail(text, stops)
    held = text.slice(text.length - keep)
    if (keep < text.length) {
      const out = text.slice(0, text.length - keep)
      yield { type: 'text-delta', text: out }
      outputTokens += await estimateTextTokens([out])
    }
  }
  if (held !== '') yield { type: 'text-delta', text: held }
}

/** Where the earliest stop string starts in `text`, or undefined. */
function firstStop (text: string, stops: readonly string[]): number | undefined {
  let earliest: number | undefined
  for (const stop of stops) {
    const at = text.indexOf(stop)
    if (at !== -1 && (earliest === undefined || at < earliest)) earliest = at
  }
  return earliest
}

/** The length of the longest tail of `text` that is the beginning of some stop string (shorter than that string). */
function heldTail (text: string, stops: readonly string[]): number {
  let longest = 0
  for (const stop of stops) {
    for (let length = Math.min(stop.length - 1, text.length); length > longest; length--) {
      if (text.endsWith(stop.slice(0, length))) {
        longest = length
        break
      }
    }
  }
  return longest
}
