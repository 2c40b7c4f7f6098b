/** When a failed upstream attempt is worth repeating, and how long to wait first. */
import { UpstreamError } from '../errors.js'

export interface RetryPolicy {
  /** Retries after the first attempt, per model. */
  readonly maxRetries: number
  /** First backoff delay in milliseconds; doubled on each further retry. */
  readonly baseDelayMs: number
  /** Longest single wait; a Retry-After beyond it is handed to the client instead. */
  readonly maxWaitMs: number
}

/** Statuses that say "try again later"; 400/401/403/404/413/422 would fail the same way again. */
const RETRYABLE_STATUSES = new Set([408, 409, 425, 429, 500, 502, 503, 504, 529])

/** Transport failures before any answer: the request never reached a working upstream. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT'])

export function isRetryable (error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false
  if (error.upstreamStatus !== undefined) return RETRYABLE_STATUSES.has(error.upstreamStatus) || error.upstreamStatus >= 500
  // A headers timeout is not repeated: the upstream may still be generating, and billing, the first attempt.
  const code = (error.cause as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && RETRYABLE_CODES.has(code)
}

/**
 * Milliseconds to wait from a Retry-After header (delta seconds or an HTTP-date), or undefined
 * when absent or unreadable.
 */
export function parseRetryAfter (value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/** Full-jitter exponential backoff: a random wait in [0, base * 2^retry]. */
export function backoffDelay (policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  return Math.round(random() * policy.baseDelayMs * 2 ** retry)
}

/**
 * The wait before retry number `retry` (0-based), or undefined when the error should go back to the
 * client: not retryable, out of retries, or a wait longer than the policy or the deadline allows.
 */
export function retryDelay (policy: RetryPolicy, error: unknown, retry: number, remainingMs: number, now: number = Date.now()): number | undefined {
  if (retry >= policy.maxRetries || !isRetryable(error)) return undefined
  const requested = parseRetryAfter((error as UpstreamError).retryAfter, now)
  const wait = requested ?? backoffDelay(policy, retry)
  if (wait > policy.maxWaitMs || wait >= remainingMs) return undefined
  return wait
}
