/**
 * `/api/generate`'s `context`. Real Ollama returns the conversation's token ids, which a client sends back to continue
 * it. Cloud models have no token ids here, so the integers are the Unicode code points of a compact JSON of the
 * conversation so far, `[1, [prompt, answer], ...]` (1 is the format's version): this service can rebuild the
 * exchange from them alone, with no state kept between requests. The newest turns are kept within
 * MAX_CONTEXT_LENGTH integers; a `context` that does not decode to that shape is refused.
 */
import { InvalidContextError } from '../errors.js'

/** One earlier exchange: the prompt as the client sent it, and the answer's text (its thinking is not kept). */
export interface ContextTurn {
  readonly prompt: string
  readonly answer: string
}

/** The format's version, the serialisation's first element. */
const FORMAT_VERSION = 1
/** Most integers a `context` holds, returned or accepted (about 256K characters of conversation). */
export const MAX_CONTEXT_LENGTH = 262_144
/** Characters decoded per String.fromCodePoint call, well under any engine's argument limit. */
const DECODE_SLICE = 8192

/**
 * The `context` that continues `turns`: code points of `[1, [prompt, answer], ...]`. When that would be longer than
 * MAX_CONTEXT_LENGTH, the oldest turns are dropped until it fits (an empty conversation, `[1]`, always does).
 */
export function encodeContext (turns: readonly ContextTurn[]): number[] {
  for (let first = 0; first <= turns.length; first++) {
    const text = JSON.stringify([FORMAT_VERSION, ...turns.slice(first).map((turn) => [turn.prompt, turn.answer])])
    // JSON.stringify escapes lone surrogates, so every code point here is a Unicode scalar value.
    if (text.length <= MAX_CONTEXT_LENGTH || countCodePoints(text) <= MAX_CONTEXT_LENGTH) return Array.from(text, (character) => character.codePointAt(0) as number)
  }
  return Array.from(JSON.stringify([FORMAT_VERSION]), (character) => character.codePointAt(0) as number)
}

/**
 * The turns a `context` holds, oldest first. Throws InvalidContextError (400) when it is longer than
 * MAX_CONTEXT_LENGTH, holds a value that is no Unicode scalar value, or does not decode to this format.
 */
export function decodeContext (context: readonly number[]): ContextTurn[] {
  if (context.length > MAX_CONTEXT_LENGTH) throw new InvalidContextError(`longer than ${MAX_CONTEXT_LENGTH} entries`)
  const pieces: string[] = []
  for (let start = 0; start < context.length; start += DECODE_SLICE) {
    const slice = context.slice(start, start + DECODE_SLICE)
    if (!slice.every(isScalarValue)) throw new InvalidContextError(NOT_OURS)
    pieces.push(String.fromCodePoint(...slice))
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(pieces.join(''))
  } catch {
    throw new InvalidContextError(NOT_OURS)
  }
  if (!Array.isArray(parsed) || parsed[0] !== FORMAT_VERSION) throw new InvalidContextError(NOT_OURS)
  return parsed.slice(1).map((turn: unknown) => {
    if (!Array.isArray(turn) || turn.length !== 2 || typeof turn[0] !== 'string' || typeof turn[1] !== 'string') throw new InvalidContextError(NOT_OURS)
    return { prompt: turn[0], answer: turn[1] }
  })
}

const NOT_OURS = 'not the context of an earlier answer from this server; send it back unchanged, or leave it out to start a new conversation'

function isScalarValue (value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF)
}

function countCodePoints (text: string): number {
  let count = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code >= 0xD800 && code <= 0xDBFF) index++
    count++
  }
  return count
}
