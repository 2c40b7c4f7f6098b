/** Answer and item ids (`chatcmpl-…`, `resp_…`, `msg_…`) random enough never to collide across answers. */
import { randomBytes } from 'node:crypto'

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * `prefix` followed by `length` characters from [A-Za-z0-9] drawn from the system's CSPRNG
 * (about 5.95 bits each: the default 32 give ~190 bits, far past any collision risk).
 * The small modulo bias (256 % 62) does not matter for uniqueness.
 */
export function randomId (prefix: string, length = 32): string {
  const bytes = randomBytes(length)
  let id = prefix
  for (const byte of bytes) id += ALPHANUMERIC[byte % ALPHANUMERIC.length]
  return id
}
