/** The only place errors are rendered: `{"error": "..."}` with Ollama's status; gin's plain-text 404 and 405. */
import fp from 'fastify-plugin'
import type { FastifyError } from 'fastify'
import { redactSecrets } from '../src/upstream/redact.js'
import { UpstreamError } from '../src/upstream/upstream-error.js'

export default fp(async function errorHandler (fastify) {
  const knownPaths = new Set<string>()
  fastify.addHook('onRoute', (route) => {
    knownPaths.add(route.url)
  })

  fastify.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (knownPaths.has(path)) {
      reply.code(405).type('text/plain').send('405 method not allowed')
      return
    }
    reply.code(404).type('text/plain').send('404 page not found')
  })

  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof UpstreamError) {
      if (error.retryAfter !== undefined) reply.header('retry-after', error.retryAfter)
      request.log.warn({ statusCode: error.statusCode, upstreamStatus: error.upstreamStatus }, error.message)
      reply.code(error.statusCode).type('application/json; charset=utf-8').send({ error: error.message })
      return
    }
    if (error.validation !== undefined) {
      reply.code(400).type('application/json; charset=utf-8').send({ error: error.message })
      return
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      reply.code(413).type('application/json; charset=utf-8').send({ error: 'request body too large' })
      return
    }
    const statusCode = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500
    // Catalogue errors (src/errors.ts) carry Ollama's own wording, shown even when Ollama answers them with a 5xx.
    const catalogued = typeof error.code === 'string' && error.code.startsWith('OLLAMA_')
    if (statusCode >= 500 && !catalogued) request.log.error({ err: error }, 'request failed')
    const message = statusCode >= 500 && !catalogued ? 'internal server error' : redactSecrets(error.message, fastify.providers.secrets())
    reply.code(statusCode).type('application/json; charset=utf-8').send({ error: message })
  })
}, { name: 'error-handler', fastify: '5.x', dependencies: ['provider-registry'] })
