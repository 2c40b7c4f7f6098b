/**
 * Optional client authentication: with API_KEYS set, every request but the probes (`/`, the health
 * checks) and CORS preflights must carry one of the keys. Without keys on a non-loopback listener,
 * anyone who can reach the port spends the provider keys, so say so at start.
 */
import fp from 'fastify-plugin'
import { ClientKeys, isLoopbackHost, presentedKey } from '../src/core/client-keys.js'
import { UnauthorizedError } from '../src/errors.js'

/** Paths every client may call without a key: the probes. */
export const OPEN_PATHS: ReadonlySet<string> = new Set(['/', '/health/live', '/health/ready'])
/** With METRICS_API_KEY set, the metrics route checks that key itself (src/routes/metrics.ts). */
export const METRICS_PATH = '/metrics'

export default fp(async function clientAuth (fastify) {
  const keys = new ClientKeys(fastify.config.API_KEYS)
  // An admin key (plugins/admin-keys.ts) opens everything an ordinary key opens.
  const adminKeys = new ClientKeys(fastify.config.ADMIN_API_KEYS)
  if (!keys.enabled) {
    if (!isLoopbackHost(fastify.config.HOST)) {
      fastify.log.warn(`API_KEYS is not set and HOST is ${fastify.config.HOST}: anyone who can reach this port can use the configured provider keys`)
    }
    return
  }
  const metricsKeyed = (fastify.config.METRICS_API_KEY ?? '').trim() !== ''
  fastify.addHook('onRequest', (request, _reply, done) => {
    const path = request.url.split('?')[0] ?? ''
    if (request.method === 'OPTIONS' || OPEN_PATHS.has(path) || (metricsKeyed && path === METRICS_PATH)) {
      done()
      return
    }
    const key = presentedKey(request.headers)
    done(key !== undefined && (keys.accepts(key) || adminKeys.accepts(key)) ? undefined : new UnauthorizedError())
  })
}, { name: 'client-auth', fastify: '5.x', dependencies: ['config'] })
