/**
 * The provider reasoning state of one turn, carried by the client in a Responses `reasoning` item's
 * `encrypted_content`, so a tool loop gets it back on any replica and after restarts: the thinking
 * text, the provider's signature of it (Anthropic), redacted thinking blocks, and per-tool-call
 * signatures (Gemini's thoughtSignature). Only what the upstream produced for this same answer goes
 * in; no key, header or other conversation does.
 *
 * Wire form: `REASONING_STATE_PREFIX` + base64url(JSON `{t?, s?, r?, c?}`). It is opaque to clients
 * and checked field by field when read back; a blob without the prefix (another server's, e.g. real
 * OpenAI's encrypted reasoning or Ollama's plain thinking text) is not ours and is ignored.
 */
import { InvalidRequestError } from '../errors.js'

export const REASONING_STATE_PREFIX = 'oadp1.'

export interface ReasoningState {
  /** The thinking text exactly as streamed (a signature covers it byte for byte). */
  readonly thinking?: string
  /** The provider's signature of `thinking` (Anthropic's `signature_delta`). */
  readonly thinkingSignature?: string
  /** Redacted thinking blocks' opaque data, in order (Anthropic). */
  readonly redactedThinking?: readonly string[]
  /** Tool-call id to that call's signature (Gemini's `thoughtSignature`). */
  readonly callSignatures?: ReadonlyMap<string, string>
}

interface WireState {
  t?: string
  s?: string
  r?: string[]
  c?: Array<[string, string]>
}

/** `encrypted_content` for `state`. */
export function encodeReasoningState (state: ReasoningState): string {
  const wire: WireState = {}
  if (state.thinking !== undefined && state.thinking !== '') wire.t = state.thinking
  if (state.thinkingSignature !== undefined) wire.s = state.thinkingSignature
  if (state.redactedThinking !== undefined && state.redactedThinking.length > 0) wire.r = [...state.redactedThinking]
  if (state.callSignatures !== undefined && state.callSignatures.size > 0) wire.c = [...state.callSignatures]
  return REASONING_STATE_PREFIX + Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url')
}

const isString = (value: unknown): value is string => typeof value === 'string'

/**
 * The state in `encryptedContent`, `undefined` when the blob is not ours (no prefix).
 * Throws InvalidRequestError (400) when it has our prefix but is not a well-formed state: the client
 * altered it, and sending a forged signature upstream would only fail there, less clearly.
 */
export function decodeReasoningState (encryptedContent: string, where: string): ReasoningState | undefined {
  if (!encryptedContent.startsWith(REASONING_STATE_PREFIX)) return undefined
  const invalid = new InvalidRequestError(`${where}.encrypted_content is not valid reasoning state from this server`)
  const data = encryptedContent.slice(REASONING_STATE_PREFIX.length)
  if (!/^[A-Za-z0-9_-]*$/.test(data)) throw invalid
  let wire: unknown
  try {
    wire = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'))
  } catch {
    throw invalid
  }
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) throw invalid
  const { t: thinking, s: signature, r: redacted, c: calls, ...rest } = wire as Record<string, unknown>
  if (Object.keys(rest).length > 0) throw invalid
  if (thinking !== undefined && !isString(thinking)) throw invalid
  if (signature !== undefined && !isString(signature)) throw invalid
  if (redacted !== undefined && !(Array.isArray(redacted) && redacted.every(isString))) throw invalid
  if (calls !== undefined && !(Array.isArray(calls) && calls.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every(isString)))) throw invalid
  return {
    ...(thinking === undefined ? {} : { thinking }),
    ...(signature === undefined ? {} : { thinkingSignature: signature }),
    ...(redacted === undefined ? {} : { redactedThinking: redacted as string[] }),
    ...(calls === undefined ? {} : { callSignatures: new Map(calls as Array<[string, string]>) })
  }
}
