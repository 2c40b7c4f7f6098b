/** Random ids for the Anthropic dialect: `msg_…` for answers, `req_…` for error bodies. */
import { randomBytes } from 'node:crypto'

/**
 * `<prefix>_` and 24 hex digits (96 random bits), the form Ollama's Anthropic layer uses; enough
 * entropy that clients storing answers by id never see two alike.
 */
export function newAnthropicId (prefix: 'msg' | 'req'): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`
}
