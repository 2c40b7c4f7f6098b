/**
 * The only place error answers are written (besides the in-band error line of a stream already begun):
 * status, headers and message decided by the error's catalogue class, the body shaped by the route's
 * dialect (`config.errorBody`, Ollama's `{"error": "..."}` by default); gin's plain-text 404 and 405.
 */
import fp from 'fastify-plugin'
import { errorCodes, type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify'
import { AdapterError, InternalServerError, LimitError, OverloadError, UpstreamError } from '../src/errors.js'
import { ollamaErrorBody } from '../src/ollama/ollama-error.js'
import { redactSecrets } from '../src/upstream/redact.js'

/**
 * A dialect's error body: what its clients expect for `message` (already safe to show) at `statusCode`,
 * e.g. Ollama's `{"error": message}` or OpenAI's `{"error": {"message", "type", "param", "code"}}`.
 */
export type ErrorBodyShape = (statusCode: number, message: string) => unknown

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's dialect error body; set for a whole prefix by `renderErrorsAs`. */
    errorBody?: ErrorBodyShape
  }
}

/** Routes whose `errorBody` came from `renderErrorsAs` rather than their own config, which a nested call may replace. */
const inheritedShapes = new WeakSet<object>()

/**
 * Makes every route registered after this call in `fastify`'s context (its child plugins included) answer
 * errors in `errorBody`'s shape, unless the route sets `config.errorBody` itself. A plugin registered inside
 * may call it again for its own routes (an Anthropic prefix within `/v1`, say).
 */
export function renderErrorsAs (fastify: FastifyInstance, errorBody: ErrorBodyShape): void {
  fastify.addHook('onRoute', (route) => {
    const config = route.config ?? {}
    if (config.errorBody !== undefined && !inheritedShapes.has(config)) return
    route.config = { ...config, errorBody }
    inheritedShapes.add(route.config)
  })
}

/** What an error answer says: its status, its message for the client, and the Retry-After it carries. */
interface ErrorAnswer {
  readonly statusCode: number
  readonly message: string
  readonly retryAfter?: string | undefined
}

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
    const answer = answerFor(error, request)
    if (answer.retryAfter !== undefined) reply.header('retry-after', answer.retryAfter)
    const errorBody = request.routeOptions.config.errorBody ?? ollamaErrorBody
    const message = redactSecrets(answer.message, fastify.providers.secrets())
    reply.code(answer.statusCode).type('application/json; charset=utf-8').send(errorBody(answer.statusCode, message))
  })
}, { name: 'error-handler', fastify: '5.x', dependencies: ['provider-registry'] })

/** Our 500's message: a failure of ours is never detailed to the client. */
const INTERNAL_FAILURE_MESSAGE = new InternalServerError().message

/**
 * By class: the provider's failures (UpstreamError, transports included), our overload and per-key limits keep their status,
 * message and Retry-After; every other catalogue error its status and message; Fastify's own client errors
 * (validation, an unreadable body) their 4xx and message. Anything else is a failure of ours: logged with its
 * stack and answered `internal server error`, with its own 5xx status or 500, never blamed on the provider.
 */
function answerFor (error: FastifyError, request: FastifyRequest): ErrorAnswer {
  if (error instanceof UpstreamError) {
    request.log.warn({ statusCode: error.statusCode, upstreamStatus: error.upstreamStatus }, error.message)
    return { statusCode: error.statusCode, message: error.message, retryAfter: error.retryAfter }
  }
  if (error instanceof OverloadError || error instanceof LimitError) return { statusCode: error.statusCode, message: error.message, retryAfter: error.retryAfter }
  if (error instanceof InternalServerError) return internalFailure(500, error.cause ?? error, request)
  if (error instanceof AdapterError) return { statusCode: error.statusCode, message: error.message }
  if (error instanceof errorCodes.FST_ERR_CTP_BODY_TOO_LARGE) return { statusCode: 413, message: 'request body too large' }
  if (!(error instanceof Error)) return internalFailure(500, error, request)
  if (error.validation !== undefined) return { statusCode: 400, message: error.message }
  const statusCode = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500
  return statusCode < 500 ? { statusCode, message: error.message } : internalFailure(statusCode, error, request)
}

function internalFailure (statusCode: number, error: unknown, request: FastifyRequest): ErrorAnswer {
  request.log.error({ err: error }, 'request failed')
  return { statusCode, message: INTERNAL_FAILURE_MESSAGE }
}
