/** The one way an upstream error body becomes a readable message; each protocol brings only its JSON shape. */

/** Longest non-JSON error text kept (an HTML page from a proxy, a plain-text message). */
const MAX_TEXT_LENGTH = 500

/**
 * A message from an upstream error body (`text`, as read, any size). JSON is given to the protocol's
 * `readBody`, whose answer is final (undefined: the JSON says nothing readable); any other text is the
 * message itself, trimmed and cut to 500 characters, undefined when blank. Never throws.
 */
export function readErrorText (text: string, readBody: (body: unknown) => string | undefined): string | undefined {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    const trimmed = text.trim()
    return trimmed === '' ? undefined : trimmed.slice(0, MAX_TEXT_LENGTH)
  }
  return readBody(body)
}
