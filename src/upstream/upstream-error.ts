/** The status a client sees for a provider's error answer: the protocol's own rule first, then the generic one. */
import type { Protocol } from '../core/protocol.js'

/**
 * Status our client sees for an upstream HTTP error (`message` is the provider's, from `readErrorMessage`).
 * The protocol's `classifyError` decides first (a provider that words an unknown model or a refused key
 * as a 400, say); then request faults keep their meaning, a refused key is 401 (the operator's key, named
 * in the message), rate limits 429, overload 503, the rest a bad gateway.
 */
export function clientStatusFor (upstreamStatus: number, message = '', protocol?: Pick<Protocol, 'classifyError'>): number {
  const classified = protocol?.classifyError?.(upstreamStatus, message)
  if (classified !== undefined) return classified
  if (upstreamStatus === 400 || upstreamStatus === 404 || upstreamStatus === 413) return upstreamStatus
  if (upstreamStatus === 422) return 400
  if (upstreamStatus === 401 || upstreamStatus === 403) return 401
  if (upstreamStatus === 429) return 429
  if (upstreamStatus === 503 || upstreamStatus === 529) return 503
  return 502
}
