/** Checks `images` entries the way Go's JSON decoder does ([]byte = standard base64), with its error offsets. */
import { InvalidImageDataError } from '../errors.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const VALUE = new Set(ALPHABET)
const isNewline = (character: string | undefined) => character === '\n' || character === '\r'

/**
 * The byte offset Go's `base64.StdEncoding.Decode` reports for `text`, or undefined when it decodes.
 * Mirrors `decodeQuantum`: newlines are skipped, padding is required, trailing data after it is an error.
 */
export function base64ErrorOffset (text: string): number | undefined {
  let index = 0
  while (index < text.length) {
    let filled = 0
    while (filled < 4) {
      if (index === text.length) {
        if (filled === 0) return undefined
        return index - filled
      }
      const character = text[index++] as string
      if (VALUE.has(character)) {
        filled++
        continue
      }
      if (isNewline(character)) continue
      if (character !== '=') return index - 1
      // Padding: only after two or three characters of a quantum.
      if (filled < 2) return index - 1
      if (filled === 2) {
        while (index < text.length && isNewline(text[index])) index++
        if (index === text.length) return text.length
        if (text[index] !== '=') return index - 1
        index++
      }
      while (index < text.length && isNewline(text[index])) index++
      return index < text.length ? index : undefined
    }
  }
  return undefined
}

/** Throws Ollama's 400 for the first entry that does not decode. */
export function checkImageData (images: readonly string[] | null | undefined): void {
  for (const image of images ?? []) {
    const offset = base64ErrorOffset(image)
    if (offset !== undefined) throw new InvalidImageDataError(offset)
  }
}
