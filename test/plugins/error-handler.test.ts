/** The one error renderer: status, headers and wording decided by the error's class, the body by the route's dialect. */
import createError from '@fastify/error'
import t from 'tap'
import { request } from 'undici'
import type { FastifyInstance } from 'fastify'
import { renderErrorsAs } from '../../plugins/error-handler.js'
import {
  ModelNotFoundError, OptionTypeError, ServerBusyError, ShuttingDownError, UpstreamAnswerError,
  UpstreamConnectionResetError, UpstreamError
} from '../../src/errors.js'
import { openAiErrorBody } from '../../src/openai/openai-error.js'
import { buildTestApp, TEST_API_KEY } from '../helpers/build-app.js'
import { fakeScopeDescriptor } from '../helpers/embedding-provider.js'
import { openAiCompatibleProtocol } from '../../providers/protocols/openai-compatible/protocol.js'
import { Secret } from '../../src/core/secret.js'

const hello = [{ role: 'user', content: 'Hello' }]

/** Looks like a catalogue error by its code, but is not one of its classes. */
const LookalikeError = createError('OLLAMA_LOOKALIKE', 'database password is hunter2', 500)

/** What each route of the test plugin throws. */
const THROWN: Record<string, () => unknown> = {
  'provider-429': () => new UpstreamError('someone upstream error 429: slow down', { statusCode: 429, upstreamStatus: 429, retryAfter: '7' }),
  'connection-reset': () => new UpstreamConnectionResetError(),
  'answer-failed': () => new UpstreamAnswerError('content filtered before any token'),
  busy: () => new ServerBusyError(),
  'shutting-down': () => new ShuttingDownError(),
  'model-not-found': () => new ModelNotFoundError('nowhere/x'),
  'option-type': () => new OptionTypeError('temperature', 'of type float32'),
  'key-in-message': () => new ModelNotFoundError(`openai/${TEST_API_KEY}`),
  lookalike: () => new LookalikeError(),
  'type-error': () => new TypeError("Cannot read properties of undefined (reading 'choices')"),
  'uncatalogued-503': () => Object.assign(new Error('pool exhausted at 10.0.0.7'), { statusCode: 503 }),
  'client-error': () => Object.assign(new Error('Unsupported Media Type: text/csv'), { statusCode: 415 })
}

/** Each case: the route, then the status, Retry-After and message every dialect's body carries. */
const CASES: Array<[string, number, string | undefined, string]> = [
  ['provider-429', 429, '7', 'someone upstream error 429: slow down'],
  ['connection-reset', 502, undefined, 'upstream connection reset'],
  ['answer-failed', 502, undefined, 'content filtered before any token'],
  ['busy', 503, '1', 'server busy, please try again.  maximum pending requests exceeded'],
  ['shutting-down', 503, undefined, 'server is shutting down'],
  ['model-not-found', 404, undefined, "model 'nowhere/x' not found"],
  ['option-type', 500, undefined, 'option "temperature" must be of type float32'],
  ['key-in-message', 404, undefined, "model 'openai/***' not found"],
  ['lookalike', 500, undefined, 'internal server error'],
  ['type-error', 500, undefined, 'internal server error'],
  ['uncatalogued-503', 503, undefined, 'internal server error'],
  ['client-error', 415, undefined, 'Unsupported Media Type: text/csv']
]

function throwingRoutes (prefix: string) {
  return async (fastify: FastifyInstance) => {
    for (const [name, make] of Object.entries(THROWN)) {
      fastify.get(`${prefix}/${name}`, async () => { throw make() })
    }
  }
}

/** The shape a third dialect (Anthropic's) would plug in next to its writer. */
const anthropicLikeBody = (_statusCode: number, message: string) => ({ type: 'error', error: { type: 'api_error', message } })

async function appWithThrowingRoutes (t: Parameters<typeof buildTestApp>[0]) {
  const { app, upstream } = await buildTestApp(t)
  await app.register(throwingRoutes('/test/ollama'))
  await app.register(async (openAiContext) => {
    renderErrorsAs(openAiContext, openAiErrorBody)
    await openAiContext.register(throwingRoutes('/test/openai'))
    // A route's own config wins over its context's shape; a nested context may set its own.
    openAiContext.get('/test/openai/own-shape', { config: { errorBody: anthropicLikeBody } }, async () => { throw new ModelNotFoundError('m') })
    await openAiContext.register(async (nested) => {
      renderErrorsAs(nested, anthropicLikeBody)
      nested.get('/test/openai/nested', async () => { throw new UpstreamConnectionResetError() })
    })
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return { app, upstream, url }
}

t.test('the class decides status, Retry-After and wording; Ollama\'s flat body by default', async (t) => {
  const { url } = await appWithThrowingRoutes(t)
  for (const [name, status, retryAfter, message] of CASES) {
    const response = await request(`${url}/test/ollama/${name}`)
    t.equal(response.statusCode, status, `${name}: status`)
    t.equal(response.headers['retry-after'], retryAfter, `${name}: Retry-After`)
    t.equal(response.headers['content-type'], 'application/json; charset=utf-8', `${name}: JSON`)
    t.equal(await response.body.text(), JSON.stringify({ error: message }), `${name}: body`)
  }
})

t.test('under renderErrorsAs the same decisions take the dialect\'s body', async (t) => {
  const { url } = await appWithThrowingRoutes(t)
  for (const [name, status, retryAfter, message] of CASES) {
    const response = await request(`${url}/test/openai/${name}`)
    t.equal(response.statusCode, status, `${name}: status`)
    t.equal(response.headers['retry-after'], retryAfter, `${name}: Retry-After`)
    const type = status === 404 ? 'not_found_error' : 'api_error'
    t.equal(await response.body.text(), JSON.stringify({ error: { message, type, param: null, code: null } }), `${name}: body`)
  }
  const own = await request(`${url}/test/openai/own-shape`)
  t.same(await own.body.json(), { type: 'error', error: { type: 'api_error', message: "model 'm' not found" } }, 'a route\'s own errorBody wins')
  const nested = await request(`${url}/test/openai/nested`)
  t.equal(nested.statusCode, 502)
  t.same(await nested.body.json(), { type: 'error', error: { type: 'api_error', message: 'upstream connection reset' } }, 'a nested context replaces its parent\'s shape')
})

t.test('errors thrown before routing take the route\'s dialect too: /v1 answers a missing key in OpenAI\'s shape', async (t) => {
  const { app } = await buildTestApp(t, { API_KEYS: 'client-key' })
  const openAi = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'openai/fake-text', messages: hello } })
  t.equal(openAi.statusCode, 401)
  t.equal(openAi.body, '{"error":{"message":"unauthorized","type":"api_error","param":null,"code":null}}')
  const native = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'openai/fake-text', messages: hello } })
  t.equal(native.body, '{"error":"unauthorized"}')
})

/** `body` with a JSON schema (`"__SCHEMA__"` in it) nested far deeper than JSON.stringify can walk. */
function absurdlyNested (body: Record<string, unknown>): string {
  const depth = 100_000
  return JSON.stringify(body).replace('"__SCHEMA__"', '{"a":'.repeat(depth) + '1' + '}'.repeat(depth))
}

t.test('an absurdly nested schema is refused on entry with the bound, never a failure inside the pipeline', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  const headers = { 'content-type': 'application/json' }
  for (const stream of [true, false]) {
    const response = await app.inject({ method: 'POST', url: '/api/chat', headers, payload: absurdlyNested({ model: 'openai/fake-text', messages: hello, stream, format: '__SCHEMA__' }) })
    t.equal(response.statusCode, 400, `stream=${stream}: status`)
    t.equal(response.body, '{"error":"format is nested more than 64 levels deep"}', `stream=${stream}: body`)
  }
  const openAi = await app.inject({ method: 'POST', url: '/v1/chat/completions', headers, payload: absurdlyNested({ model: 'openai/fake-text', messages: hello, response_format: { type: 'json_schema', json_schema: { name: 'deep', schema: '__SCHEMA__' } } }) })
  t.equal(openAi.statusCode, 400)
  t.equal(openAi.body, '{"error":{"message":"format is nested more than 64 levels deep","type":"invalid_request_error","param":null,"code":null}}')
  t.equal(upstream.calls.length, 0, 'nothing went upstream')
})

t.test('an internal failure inside the pipeline is our 500, never the upstream\'s', async (t) => {
  const { app, upstream } = await buildTestApp(t)
  // A provider whose request mapper has a bug: the failure is ours, before anything reaches a provider.
  app.providers.register({
    descriptor: { ...fakeScopeDescriptor, id: 'broken' },
    protocol: { ...openAiCompatibleProtocol, buildChatRequest: () => { throw new TypeError('cannot read properties of undefined') } },
    apiKey: new Secret('sk-broken'),
    baseUrl: upstream.url,
    models: fakeScopeDescriptor.models
  })
  for (const stream of [true, false]) {
    const response = await app.inject({ method: 'POST', url: '/api/chat', payload: { model: 'broken/qwen-plus', messages: hello, stream } })
    t.equal(response.statusCode, 500, `stream=${stream}: status`)
    t.equal(response.body, '{"error":"internal server error"}', `stream=${stream}: body`)
  }
  const openAi = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'broken/qwen-plus', messages: hello } })
  t.equal(openAi.statusCode, 500)
  t.equal(openAi.body, '{"error":{"message":"internal server error","type":"api_error","param":null,"code":null}}')
  t.equal(upstream.calls.length, 0, 'nothing went upstream')
})
