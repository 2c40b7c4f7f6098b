/**
 * `fastify.lifecycle`: readiness and the graceful drain that src/server.ts runs on SIGTERM/SIGINT.
 * Draining stops accepting connections, reports not ready, answers a request still arriving on an open
 * connection with ShuttingDownError's 503, lets open answers finish within the grace window, then ends
 * the rest with an error line (through `shutdownSignal`, which every upstream call listens to) and
 * closes the undici pools with the app.
 */
import { setMaxListeners } from 'node:events'
import fp from 'fastify-plugin'
import { ShuttingDownError } from '../src/errors.js'

/** After the grace window, how long the error lines get to flush before every connection is closed. */
const FLUSH_MS = 1000

export interface Lifecycle {
  /** False from the moment a drain starts. */
  readonly ready: boolean
  /** Aborted with a ShuttingDownError when the grace window is over. */
  readonly shutdownSignal: AbortSignal
  /** Stops accepting, waits up to `graceMs` for open answers, ends the rest, closes the app. */
  drain(graceMs: number): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle
  }
}

export default fp(async function lifecycle (fastify) {
  const controller = new AbortController()
  // Every open answer listens on this one signal until it ends: many listeners are the normal case.
  setMaxListeners(0, controller.signal)
  let ready = true
  let draining: Promise<void> | undefined

  fastify.decorate('lifecycle', {
    get ready () { return ready },
    shutdownSignal: controller.signal,
    drain (graceMs: number): Promise<void> {
      draining ??= drainApp(graceMs)
      return draining
    }
  })

  async function drainApp (graceMs: number): Promise<void> {
    ready = false
    let forceTimer: NodeJS.Timeout | undefined
    const graceTimer = setTimeout(() => {
      fastify.log.warn('shutdown grace period over, ending the remaining answers')
      controller.abort(new ShuttingDownError())
      // Connections that never carried a request are not idle to Node and would hold the close forever.
      forceTimer = setTimeout(() => fastify.server.closeAllConnections(), FLUSH_MS)
    }, graceMs)
    try {
      // Fastify stops listening, answers 503 to new requests on open connections, waits for the open ones.
      await fastify.close()
    } finally {
      clearTimeout(graceTimer)
      clearTimeout(forceTimer)
    }
  }

  // Both hooks run on every request: synchronous, so they cost a flag test and no promise.
  // A request that still arrives (on a connection already open) gets the drain's 503 from the one renderer.
  fastify.addHook('onRequest', (_request, _reply, done) => {
    done(ready ? undefined : new ShuttingDownError())
  })

  // A connection whose answer just finished would otherwise stay open as keep-alive and hold the close.
  fastify.addHook('onResponse', (_request, _reply, done) => {
    if (!ready) setImmediate(() => fastify.server.closeIdleConnections())
    done()
  })
}, { name: 'lifecycle', fastify: '5.x' })
