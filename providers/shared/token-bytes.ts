/** The UTF-8 bytes of a token's text, for upstreams that report a token's log probability without its bytes (Gemini). */
export function tokenBytes (token: string): number[] {
  return Array.from(Buffer.from(token, 'utf8'))
}
