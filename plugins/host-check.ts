/**
 * Ollama's Host check against DNS rebinding: on a loopback listener, a request whose Host header names a
 * foreign domain gets 403 with an empty body before any other work, as Ollama's allowedHostsMiddleware
 * (server/routes.go) answers it. @see src/core/allowed-hosts.ts
 */
import fp from 'fastify-plugin'
import { AllowedHosts, listenerNeedsHostCheck } from '../src/core/allowed-hosts.js'

export default fp(async function hostCheck (fastify) {
  const allowedHosts = new AllowedHosts(fastify.config.ALLOWED_HOSTS)
  // Known once the server listens (the app may be injected into before it listens, when nothing is checked);
  // server.address() builds new objects on every call, too costly per request.
  let needsCheck: boolean | undefined
  fastify.server.on('listening', () => { needsCheck = undefined })
  // A callback hook, as every per-request hook here: no promise and no extra microtask on the hot path.
  fastify.addHook('onRequest', (request, reply, done) => {
    needsCheck ??= fastify.server.listening ? listenerNeedsHostCheck(fastify.server.address()) : undefined
    // Ollama's CORS layer runs first and answers every cross-origin preflight itself (204, or 403 for a foreign origin).
    if (needsCheck !== true || (request.method === 'OPTIONS' && request.headers.origin !== undefined)) {
      done()
      return
    }
    const verdict = allowedHosts.judge(request.headers.host ?? '')
    if (verdict === 'foreign') reply.code(403).send()
    else if (verdict === 'name' && request.method === 'OPTIONS') reply.code(204).send()
    else done()
  })
}, { name: 'host-check', fastify: '5.x', dependencies: ['config'] })
