/** A failure of the upstream provider, carrying only what is safe to show a client. */

export class UpstreamError extends Error {
  /** The HTTP status our client gets. */
  readonly statusCode: number
  /** The upstream's own status, when it answered at all. */
  readonly upstreamStatus: number | undefined
  /** Seconds from the upstream's Retry-After, passed on to the client. */
  readonly retryAfter: string | undefined

  constructor (message: string, options: { statusCode: number, upstreamStatus?: number, retryAfter?: string, cause?: unknown }) {
    super(message, { cause: options.cause })
    this.name = 'UpstreamError'
    this.statusCode = options.statusCode
    this.upstreamStatus = options.upstreamStatus
    this.retryAfter = options.retryAfter
  }
}

/**
 * Status our client sees for an upstream HTTP error: client-side faults keep their meaning
 * (the request or the model is wrong), auth and server faults are a bad gateway.
 */
export function clientStatusFor (upstreamStatus: number): number {
  if (upstreamStatus === 400 || upstreamStatus === 404 || upstreamStatus === 413 || upstreamStatus === 422) return upstreamStatus === 422 ? 400 : upstreamStatus
  if (upstreamStatus === 429) return 429
  if (upstreamStatus === 503 || upstreamStatus === 529) return 503
  return 502
}
