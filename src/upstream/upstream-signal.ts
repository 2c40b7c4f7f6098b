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

/**
 * What to run when a shutdown signal aborts, one Set per signal behind a single listener on it. Every open answer
 * watches the same shutdown signal: as listeners of an AbortSignal, each addition and removal would walk all the
 * others (Node's EventTarget checks for duplicates), O(open answers) per request; a Set keeps both O(1).
 */
const shutdownWatchers = new WeakMap<AbortSignal, Set<() => void>>()

/** Runs `callback` once `signal` aborts; the returned function stops watching. */
function watchShutdown (signal: AbortSignal, callback: () => void): () => void {
  let watchers = shutdownWatchers.get(signal)
  if (watchers === undefined) {
    const created = new Set<() => void>()
    watchers = created
    shutdownWatchers.set(signal, created)
    signal.addEventListener('abort', () => {
      for (const watcher of [...created]) watcher()
      created.clear()
    }, { once: true })
  }
  const set = watchers
  set.add(callback)
  return () => { set.delete(callback) }
}

export function linkUpstreamSignal (clientSignal: AbortSignal, shutdownSignal: AbortSignal, deadlineMs: number): UpstreamSignal {
  const controller = new AbortController()
  const onClientAbort = () => controller.abort(clientSignal.reason)
  const onShutdown = () => controller.abort(shutdownSignal.reason)
  const deadlineTimer = setTimeout(() => controller.abort(new DeadlineExceededError()), deadlineMs)
  if (clientSignal.aborted) onClientAbort()
  else clientSignal.addEventListener('abort', onClientAbort, { once: true })
  let unwatchShutdown: (() => void) | undefined
  if (shutdownSignal.aborted) onShutdown()
  else unwatchShutdown = watchShutdown(shutdownSignal, onShutdown)
  return {
    signal: controller.signal,
    deadline: Date.now() + deadlineMs,
    clearDeadline () {
      clearTimeout(deadlineTimer)
    },
    release () {
      clearTimeout(deadlineTimer)
      clientSignal.removeEventListener('abort', onClientAbort)
      unwatchShutdown?.()
    }
  }
}
