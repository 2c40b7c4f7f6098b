/** ADMIN_API_KEYS: when set, only its keys may create, copy, delete and push models; reading and inference take any client key. */
import fp from 'fastify-plugin'
import { ClientKeys, presentedKey } from '../src/core/client-keys.js'
import { AdminKeyRequiredError } from '../src/errors.js'

/** The routes that change what every client sees (src/routes/model-management.ts); pull only checks that a model is served. */
const MANAGEMENT_ROUTES: ReadonlySet<string> = new Set(['/api/create', '/api/copy', '/api/delete', '/api/push'])

/**
 * Runs after client-auth, so with API_KEYS set a missing or unknown key is already a 401; here a key that is
 * not an admin key (or none, without API_KEYS) throws AdminKeyRequiredError (403) before the body is read.
 */
export default fp(async function adminKeys (fastify) {
  const keys = new ClientKeys(fastify.config.ADMIN_API_KEYS)
  if (!keys.enabled) return
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (!MANAGEMENT_ROUTES.has(request.routeOptions.url ?? '')) {
      done()
      return
    }
    const key = presentedKey(request.headers)
    done(key !== undefined && keys.accepts(key) ? undefined : new AdminKeyRequiredError())
  })
}, { name: 'admin-keys', fastify: '5.x', dependencies: ['config', 'client-auth'] })
