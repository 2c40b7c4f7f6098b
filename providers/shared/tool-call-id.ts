/** Tool-call ids in Ollama's form: `call_` and eight characters from [a-z0-9]. */
import { randomBytes } from 'node:crypto'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A fresh random id, `call_` and eight characters from [a-z0-9], as Ollama gives its tool calls. */
export function newToolCallId (): string {
  const bytes = randomBytes(8)
  let id = 'call_'
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length]
  return id
}
