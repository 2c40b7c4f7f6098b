/**
 * CORS as Ollama answers it: allowed origins are reflected, a preflight gets 204, and a request from
 * an origin not on the list gets 403 with an empty body (gin-contrib/cors). @see src/core/cors-origins.ts
 */
import fastifyCors from '@fastify/cors'
import fp from 'fastify-plugin'
import { allowedOrigins, originMatcher } from '../src/core/cors-origins.js'

const STAINLESS_HEADERS = ['arch', 'async', 'custom-poll-interval', 'helper-method', 'lang', 'os', 'package-version', 'poll-helper', 'retry-count', 'runtime', 'runtime-version', 'timeout']

/** Ollama's list, plus x-api-key for our optional client auth. */
const ALLOWED_HEADERS = [
  'Authorization', 'Content-Type', 'User-Agent', 'Accept', 'X-Requested-With', 'OpenAI-Beta',
  ...STAINLESS_HEADERS.map((name) => `x-stainless-${name}`),
  'x-api-key'
]

export default fp(async function cors (fastify) {
  const isAllowed = originMatcher(allowedOrigins(fastify.config.OLLAMA_ORIGINS))
  fastify.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin
    if (origin !== undefined && !isAllowed(origin)) reply.code(403).send()
    else done()
  })
  await fastify.register(fastifyCors, {
    origin: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
    allowedHeaders: ALLOWED_HEADERS
  })
}, { name: 'cors', fastify: '5.x', dependencies: ['config'] })
