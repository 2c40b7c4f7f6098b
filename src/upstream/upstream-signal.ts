/**
 * One request's upstream signal: aborted when the client leaves, when the server's drain window is
 * over, or when the request's overall deadline passes. Chat clears the deadline once a stream opened;
 * embeddings keep it to the last byte, so their retries never outlive it either.
 */
import { DeadlineExceededError } from '../errors.js'

export interface UpstreamSignal {
  readonly signal: AbortSignal
  /** Epoch milliseconds after which no retry starts. */
  readonly deadline: number
  /** Stops the deadline only: the client and shutdown links still abort a running stream. */
  clearDeadline(): void
  /** Drops the timer and every listener; call it once the upstream work is over. */
  release(): void
}

export function linkUpstreamSignal (clientSignal: AbortSignal, shutdownSignal: AbortSignal, deadlineMs: number): UpstreamSignal {
  const controller = new AbortController()
  const onClientAbort = () => controller.abort(clientSignal.reason)
  const onShutdown = () => controller.abort(shutdownSignal.reason)
  const deadlineTimer = setTimeout(() => controller.abort(new DeadlineExceededError()), deadlineMs)
  if (clientSignal.aborted) onClientAbort()
  else clientSignal.addEventListener('abort', onClientAbort, { once: true })
  if (shutdownSignal.aborted) onShutdown()
  else shutdownSignal.addEventListener('abort', onShutdown, { once: true })
  return {
    signal: controller.signal,
    deadline: Date.now() + deadlineMs,
    clearDeadline () {
      clearTimeout(deadlineTimer)
    },
    release () {
      clearTimeout(deadlineTimer)
      clientSignal.removeEventListener('abort', onClientAbort)
      shutdownSignal.removeEventListener('abort', onShutdown)
    }
  }
}
