/**
 * The document describes the real bytes: it validates as OpenAPI 3, every operation has a stable id,
 * tags and its errors, and real answers (JSON bodies, each NDJSON line, each SSE frame, error bodies)
 * match the schemas it declares for their status and content type (Ajv, document-checker.ts).
 */
import { Validator } from '@seriousme/openapi-schema-validator'
import type { FastifyInstance } from 'fastify'
import t, { type Test } from 'tap'
import { Agent, request } from 'undici'
import { buildTestApp, FAKE_MODELS, listenTestApp } from '../helpers/build-app.js'
import { DocumentChecker, type OpenApiDocument, type RealAnswer } from './document-checker.js'

const hello = [{ role: 'user', content: 'Hello' }]
const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }]
const MODELS = [...FAKE_MODELS, 'fake-embed=embedding'].join(',')

/** Every operation the app serves, by method and documented path: ids are part of the contract. */
const OPERATIONS: Record<string, string> = {
  'GET /': 'getRoot',
  'HEAD /': 'getRootHead',
  'GET /api/version': 'getVersion',
  'HEAD /api/version': 'getVersionHead',
  'GET /api/status': 'getStatus',
  'GET /health/live': 'getLiveness',
  'HEAD /health/live': 'getLivenessHead',
  'GET /health/ready': 'getReadiness',
  'HEAD /health/ready': 'getReadinessHead',
  'GET /metrics': 'getMetrics',
  'HEAD /metrics': 'getMetricsHead',
  'GET /api/tags': 'listModels',
  'HEAD /api/tags': 'listModelsHead',
  'POST /api/show': 'showModel',
  'GET /api/experimental/model-recommendations': 'listModelRecommendations',
  'GET /api/ps': 'listRunningModels',
  'HEAD /api/ps': 'listRunningModelsHead',
  'POST /api/pull': 'pullModel',
  'POST /api/push': 'pushModel',
  'POST /api/create': 'createModel',
  'POST /api/copy': 'copyModel',
  'DELETE /api/delete': 'deleteModel',
  'POST /api/chat': 'chat',
  'POST /api/generate': 'generate',
  'POST /api/embed': 'embed',
  'POST /api/embeddings': 'embeddings',
  'POST /v1/chat/completions': 'openAiCreateChatCompletion',
  'POST /v1/completions': 'openAiCreateCompletion',
  'POST /v1/embeddings': 'openAiCreateEmbedding',
  'GET /v1/models': 'openAiListModels',
  'HEAD /v1/models': 'openAiListModelsHead',
  'GET /v1/models/{model}': 'openAiRetrieveModel',
  'HEAD /v1/models/{model}': 'openAiRetrieveModelHead',
  'POST /v1/messages': 'anthropicCreateMessage',
  'POST /v1/messages/count_tokens': 'anthropicCountTokens',
  'POST /v1/responses': 'openAiCreateResponse'
}

/** Probes a load balancer or a client calls before it has a key. */
const OPEN_PATHS = new Set(['/', '/health/live', '/health/ready'])

interface Case {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'DELETE'
  /** The documented path; `url` when the request's differs. */
  readonly path: string
  readonly url?: string
  readonly headers?: Record<string, string>
  readonly payload?: unknown
  readonly status: number
  readonly type?: string
}

async function documentOf (app: FastifyInstance, headers: Record<string, string> = {}): Promise<OpenApiDocument> {
  return (await app.inject({ method: 'GET', url: '/openapi.json', headers })).json()
}

/** Each case's answer has the stated status and content type, and matches the document. */
async function checkCases (t: Test, app: FastifyInstance, cases: readonly Case[]): Promise<void> {
  const checker = new DocumentChecker(await documentOf(app))
  for (const { method, path, url, headers, payload, status, type } of cases) {
    const response = await app.inject({ method, url: url ?? path, headers: headers ?? {}, ...(payload === undefined ? {} : { payload: payload as string }) })
    const name = `${method} ${url ?? path} ${JSON.stringify(payload ?? null).slice(0, 90)}`
    t.equal(response.statusCode, status, `${name}: status`)
    if (type !== undefined) t.equal(response.headers['content-type'], type, `${name}: content type`)
    t.same(checker.check(method, path, response), [], `${name}: as documented`)
  }
}

t.test('the document validates, and every operation has its id, tags, and the errors every route may answer', async (t) => {
  const { app } = await buildTestApp(t)
  const served = await app.inject({ method: 'GET', url: '/openapi.json' })
  const raw: Record<string, unknown> = served.json()
  const result = await new Validator().validate(raw)
  const document: OpenApiDocument = served.json()
  t.ok(result.valid, JSON.stringify(result.errors))
  const tagNames = new Set(document.tags.map((tag) => tag.name))
  const operations: Record<string, string> = {}
  for (const [path, byMethod] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(byMethod)) {
      const name = `${method.toUpperCase()} ${path}`
      operations[name] = operation.operationId ?? ''
      t.ok((operation.tags ?? []).length > 0 && (operation.tags ?? []).every((tag) => tagNames.has(tag)), `${name}: declared tags`)
      const statuses = Object.keys(operation.responses)
      t.ok(statuses.includes('200') && statuses.includes('500') && statuses.includes('503'), `${name}: 200, 500 and 503`)
      t.equal(statuses.includes('401'), !OPEN_PATHS.has(path), `${name}: 401 unless a probe`)
      t.equal(operation.security?.length === 0, OPEN_PATHS.has(path), `${name}: no key needed only on probes`)
      if (method === 'head') t.ok(Object.values(operation.responses).every((answer) => answer.content === undefined), `${name}: no body`)
    }
  }
  t.same(operations, OPERATIONS, 'every served operation, with its stable id')
})

t.test('the document declares logprobs and generate\'s context, asked and answered', async (t) => {
  const { app } = await buildTestApp(t)
  const schemas = (await app.inject({ method: 'GET', url: '/openapi.json' })).json().components.schemas as Record<string, { properties: Record<string, unknown> }>
  for (const name of ['ChatRequest', 'GenerateRequest', 'OpenAiChatRequest']) t.ok('logprobs' in schemas[name]!.properties && 'top_logprobs' in schemas[name]!.properties, `${name}: logprobs, top_logprobs`)
  t.ok('logprobs' in schemas.OpenAiCompletionRequest!.properties)
  for (const name of ['ChatResponse', 'GenerateResponse', 'GenerateChunk']) t.ok('logprobs' in schemas[name]!.properties, `${name}: logprobs`)
  for (const name of ['GenerateResponse', 'GenerateChunk']) t.ok('context' in schemas[name]!.properties, `${name}: context`)
  t.match(schemas.Logprob!.properties, { token: {}, logprob: {}, bytes: {}, top_logprobs: {} })
  const choice = (name: string) => (schemas[name]!.properties.choices as { items: { properties: Record<string, unknown> } }).items.properties
  for (const name of ['OpenAiChatCompletion', 'OpenAiChatCompletionChunk', 'OpenAiTextCompletion', 'OpenAiTextCompletionChunk']) t.ok('logprobs' in choice(name), `${name}: choices[].logprobs`)
})

t.test('the checker reports what the document does not declare', async (t) => {
  const { app } = await buildTestApp(t)
  const checker = new DocumentChecker(await documentOf(app))
  const ndjson = { 'content-type': 'application/x-ndjson' }
  const line = '{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"x"},"done":false}\n'
  t.same(checker.check('POST', '/api/chat', { statusCode: 200, headers: ndjson, body: line }), [], 'a well-formed line passes')
  t.match(checker.check('POST', '/api/chat', { statusCode: 200, headers: ndjson, body: line + '{"done":"yes"}\n' }), [/item 1: .*must have required property 'model'/])
  t.match(checker.check('POST', '/api/chat', { statusCode: 418, headers: ndjson, body: '' }), [/status not declared/])
  t.match(checker.check('POST', '/api/chat', { statusCode: 200, headers: { 'content-type': 'text/html' }, body: '' }), [/content type text\/html not declared/])
  t.match(checker.check('HEAD', '/', { statusCode: 200, headers: {}, body: 'x' }), [/a body where none is declared/])
  const json = { 'content-type': 'application/json' }
  t.match(checker.check('GET', '/api/tags', { statusCode: 200, headers: { ...json, 'retry-after': '1' }, body: '{"models":[]}' }), [/Retry-After not declared/])
  const frame = (data: string) => `data: ${data}\n\n`
  const sse = { 'content-type': 'text/event-stream' }
  t.match(checker.check('POST', '/v1/chat/completions', { statusCode: 200, headers: sse, body: frame('[DONE]') + frame('[done]') }), [/item 1: /])
  t.match(checker.check('GET', '/v1/models', { statusCode: 200, headers: json, body: '{"object":"list","data":[{"id":"x"}]}' }), [/item 0: .*required property 'object'/])
})

t.test('Ollama answers match the document: JSON, each NDJSON line, the error line, error bodies', async (t) => {
  const { app } = await buildTestApp(t, { OPENAI_MODELS: MODELS, UPSTREAM_RETRY_BASE_MS: '5', UPSTREAM_MAX_RETRIES: '0' })
  const chat = (model: string, extra: Record<string, unknown> = {}) => ({ model: `openai/${model}`, messages: hello, ...extra })
  const ndjson = 'application/x-ndjson'
  const json = 'application/json; charset=utf-8'
  await checkCases(t, app, [
    { method: 'GET', path: '/', status: 200, type: 'text/plain; charset=utf-8' },
    { method: 'HEAD', path: '/', status: 200 },
    { method: 'GET', path: '/api/version', status: 200, type: json },
    { method: 'HEAD', path: '/api/version', status: 200 },
    { method: 'GET', path: '/api/status', status: 200, type: json },
    { method: 'GET', path: '/api/experimental/model-recommendations', status: 200, type: json },
    { method: 'GET', path: '/health/live', status: 200 },
    { method: 'GET', path: '/health/ready', status: 200 },
    { method: 'POST', path: '/api/chat', payload: chat('fake-text', { stream: false }), status: 200, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-reasoning', { stream: false }), status: 200, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-tools', { stream: false, tools }), status: 200, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-text'), status: 200, type: ndjson },
    { method: 'POST', path: '/api/chat', payload: chat('fake-reasoning'), status: 200, type: ndjson },
    { method: 'POST', path: '/api/chat', payload: chat('fake-tools', { tools }), status: 200, type: ndjson },
    { method: 'POST', path: '/api/chat', payload: chat('fake-error-event'), status: 200, type: ndjson },
    { method: 'POST', path: '/api/chat', payload: { model: 'openai/fake-text', messages: [] }, status: 200, type: json },
    { method: 'POST', path: '/api/chat', payload: { model: 'openai/fake-text', messages: [], keep_alive: 0 }, status: 200, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('nope'), status: 404, type: json },
    { method: 'POST', path: '/api/chat', payload: { model: 5 }, status: 400, type: json },
    { method: 'POST', path: '/api/chat', payload: '{not json', status: 400, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-text', { options: { temperature: 'hot' }, stream: false }), status: 500, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-text', { think: 1 }), status: 400, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-text', { keep_alive: true }), status: 400, type: json },
    { method: 'POST', path: '/api/generate', payload: { model: 'openai/fake-text', prompt: 'x', format: 12 }, status: 500, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-401'), status: 401, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-413'), status: 413, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-429'), status: 429, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-500'), status: 502, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-503'), status: 503, type: json },
    { method: 'POST', path: '/api/generate', payload: { model: 'openai/fake-reasoning', prompt: 'x', stream: false }, status: 200, type: json },
    { method: 'POST', path: '/api/generate', payload: { model: 'openai/fake-tools', prompt: 'x' }, status: 200, type: ndjson },
    { method: 'POST', path: '/api/generate', payload: { model: 'openai/fake-error-event', prompt: 'x' }, status: 200, type: ndjson },
    { method: 'POST', path: '/api/generate', payload: { model: 'openai/fake-text' }, status: 200, type: json },
    { method: 'POST', path: '/api/generate', payload: { model: 'openai/fake-text', prompt: 'x', raw: true, system: 's' }, status: 400, type: json },
    // Logprobs on every line and in the one-shot answer, generate's context on its last line, and their 400s.
    { method: 'POST', path: '/api/chat', payload: chat('fake-text', { logprobs: true, top_logprobs: 2 }), status: 200, type: ndjson },
    { method: 'POST', path: '/api/chat', payload: chat('fake-text', { logprobs: true, top_logprobs: 2, stream: false }), status: 200, type: json },
    { method: 'POST', path: '/api/chat', payload: chat('fake-text', { logprobs: true, top_logprobs: 21 }), status: 400, type: json },
    { method: 'POST', path: '/api/generate', payload: { model: 'openai/fake-text', prompt: 'x', logprobs: true, top_logprobs: 1 }, status: 200, type: ndjson },
    { method: 'POST', path: '/api/generate', payload: { model: 'openai/fake-text', prompt: 'x', logprobs: true, stream: false }, status: 200, type: json },
    { method: 'POST', path: '/api/generate', payload: { model: 'openai/fake-text', prompt: 'x', context: [1, 2, 3] }, status: 400, type: json },
    { method: 'POST', path: '/api/embed', payload: { model: 'openai/fake-embed', input: ['a', 'b'] }, status: 200, type: json },
    { method: 'POST', path: '/api/embed', payload: { model: 'openai/fake-embed', input: 5 }, status: 400, type: json },
    { method: 'POST', path: '/api/embed', payload: { model: 'openai/nope', input: 'a' }, status: 404, type: json },
    { method: 'POST', path: '/api/embeddings', payload: { model: 'openai/fake-embed', prompt: 'a' }, status: 200, type: json },
    { method: 'GET', path: '/api/tags', status: 200, type: json },
    { method: 'HEAD', path: '/api/tags', status: 200 },
    { method: 'POST', path: '/api/show', payload: { model: 'openai/fake-tools' }, status: 200, type: json },
    { method: 'POST', path: '/api/show', payload: {}, status: 400, type: json },
    { method: 'POST', path: '/api/show', payload: { model: 'nosuchprovider/nope' }, status: 404, type: json },
    { method: 'GET', path: '/api/ps', status: 200, type: json },
    { method: 'GET', path: '/metrics', status: 200, type: 'text/plain; version=0.0.4; charset=utf-8' },
    { method: 'HEAD', path: '/metrics', status: 200 }
  ])
})

t.test('model management answers match the document: progress lines, empty bodies, errors', async (t) => {
  const { app } = await buildTestApp(t)
  const json = 'application/json; charset=utf-8'
  await checkCases(t, app, [
    { method: 'POST', path: '/api/pull', payload: { model: 'openai/fake-text' }, status: 200, type: 'application/x-ndjson' },
    { method: 'POST', path: '/api/pull', payload: { model: 'openai/fake-text', stream: false }, status: 200, type: json },
    { method: 'POST', path: '/api/pull', payload: { model: 'nope' }, status: 200, type: 'application/x-ndjson' },
    { method: 'POST', path: '/api/pull', payload: { model: 'nope', stream: false }, status: 500, type: json },
    { method: 'POST', path: '/api/pull', payload: { model: 'bad name!' }, status: 400, type: json },
    { method: 'POST', path: '/api/push', payload: { model: 'openai/fake-text' }, status: 200, type: 'application/x-ndjson' },
    { method: 'POST', path: '/api/push', payload: { model: 'openai/fake-text', stream: false }, status: 500, type: json },
    { method: 'POST', path: '/api/create', payload: { model: 'mine', from: 'openai/fake-text', system: 'Be brief.' }, status: 200, type: 'application/x-ndjson' },
    { method: 'POST', path: '/api/create', payload: { model: 'mine2', from: 'openai/fake-text', stream: false }, status: 200, type: json },
    { method: 'POST', path: '/api/create', payload: { model: 'mine3', from: 'nosuchprovider/nope' }, status: 404, type: json },
    { method: 'POST', path: '/api/create', payload: { model: 'mine3' }, status: 400, type: json },
    { method: 'POST', path: '/api/copy', payload: { source: 'mine', destination: 'mine-copy' }, status: 200 },
    { method: 'POST', path: '/api/copy', payload: { source: 'nothing-here', destination: 'x' }, status: 404, type: json },
    { method: 'DELETE', path: '/api/delete', payload: { model: 'mine-copy' }, status: 200 },
    { method: 'DELETE', path: '/api/delete', payload: { model: 'openai/fake-text' }, status: 400, type: json },
    { method: 'DELETE', path: '/api/delete', payload: { model: 'nothing-here' }, status: 404, type: json }
  ])
})

t.test('/v1 answers match the document: JSON objects, each SSE frame with [DONE], errors in OpenAI\'s shape', async (t) => {
  const { app } = await buildTestApp(t, { OPENAI_MODELS: MODELS, UPSTREAM_RETRY_BASE_MS: '5', UPSTREAM_MAX_RETRIES: '0' })
  const chat = (model: string, extra: Record<string, unknown> = {}) => ({ model: `openai/${model}`, messages: hello, ...extra })
  const sse = 'text/event-stream'
  const json = 'application/json; charset=utf-8'
  const usage = { stream: true, stream_options: { include_usage: true } }
  await checkCases(t, app, [
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-text'), status: 200, type: json },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-reasoning'), status: 200, type: json },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-tools', { tools }), status: 200, type: json },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-text', usage), status: 200, type: sse },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-reasoning', { stream: true }), status: 200, type: sse },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-tools', { tools, ...usage }), status: 200, type: sse },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-error-event', { stream: true }), status: 200, type: sse },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-early-error', { stream: true }), status: 502, type: json },
    { method: 'POST', path: '/v1/chat/completions', payload: { model: 'openai/fake-text' }, status: 400, type: json },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('nope'), status: 404, type: json },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-429'), status: 429, type: json },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-503'), status: 503, type: json },
    { method: 'POST', path: '/v1/completions', payload: { model: 'openai/fake-text', prompt: 'x' }, status: 200, type: json },
    { method: 'POST', path: '/v1/completions', payload: { model: 'openai/fake-text', prompt: 'x', ...usage }, status: 200, type: sse },
    { method: 'POST', path: '/v1/completions', payload: { model: 'openai/fake-length', prompt: 'x', stream: true }, status: 200, type: sse },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-text', { logprobs: true, top_logprobs: 2 }), status: 200, type: json },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-text', { logprobs: true, stream: true }), status: 200, type: sse },
    { method: 'POST', path: '/v1/chat/completions', payload: chat('fake-text', { logprobs: true, top_logprobs: 21 }), status: 400, type: json },
    { method: 'POST', path: '/v1/completions', payload: { model: 'openai/fake-text', prompt: 'x', logprobs: 2 }, status: 200, type: json },
    { method: 'POST', path: '/v1/completions', payload: { model: 'openai/fake-text', prompt: 'x', logprobs: 2, stream: true }, status: 200, type: sse },
    { method: 'POST', path: '/v1/embeddings', payload: { model: 'openai/fake-embed', input: ['a', 'b'] }, status: 200, type: json },
    { method: 'POST', path: '/v1/embeddings', payload: { model: 'openai/fake-embed', input: 'a', encoding_format: 'base64' }, status: 200, type: json },
    { method: 'POST', path: '/v1/embeddings', payload: { model: 'openai/fake-embed' }, status: 400, type: json },
    { method: 'POST', path: '/v1/embeddings', payload: { model: 'openai/nope', input: 'a' }, status: 404, type: json },
    { method: 'GET', path: '/v1/models', status: 200, type: json },
    { method: 'HEAD', path: '/v1/models', status: 200 },
    { method: 'GET', path: '/v1/models/{model}', url: '/v1/models/openai/fake-text', status: 200, type: json },
    { method: 'GET', path: '/v1/models/{model}', url: '/v1/models/openai%2Ffake-text', status: 200, type: json },
    { method: 'GET', path: '/v1/models/{model}', url: '/v1/models/nosuchprovider/nope', status: 404, type: json }
  ])
})

t.test('Responses answers match the document: the response object, each named SSE event, errors in OpenAI\'s shape', async (t) => {
  const { app } = await buildTestApp(t, { OPENAI_MODELS: MODELS, UPSTREAM_RETRY_BASE_MS: '5', UPSTREAM_MAX_RETRIES: '0' })
  const respond = (model: string, extra: Record<string, unknown> = {}) => ({ model: `openai/${model}`, input: 'Hello', instructions: 'Be brief.', ...extra })
  const flatTools = [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }]
  const sse = 'text/event-stream; charset=utf-8'
  const json = 'application/json; charset=utf-8'
  await checkCases(t, app, [
    { method: 'POST', path: '/v1/responses', payload: respond('fake-text', { metadata: { a: 'b' } }), status: 200, type: json },
    { method: 'POST', path: '/v1/responses', payload: respond('fake-reasoning'), status: 200, type: json },
    { method: 'POST', path: '/v1/responses', payload: respond('fake-tools', { tools: flatTools, tool_choice: 'auto' }), status: 200, type: json },
    { method: 'POST', path: '/v1/responses', payload: respond('fake-length', { max_output_tokens: 2 }), status: 200, type: json },
    { method: 'POST', path: '/v1/responses', payload: respond('fake-text', { stream: true }), status: 200, type: sse },
    { method: 'POST', path: '/v1/responses', payload: respond('fake-reasoning', { stream: true }), status: 200, type: sse },
    { method: 'POST', path: '/v1/responses', payload: respond('fake-tools', { tools: flatTools, stream: true }), status: 200, type: sse },
    { method: 'POST', path: '/v1/responses', payload: respond('fake-error-event', { stream: true }), status: 200, type: sse },
    { method: 'POST', path: '/v1/responses', payload: respond('fake-early-error', { stream: true }), status: 502, type: json },
    { method: 'POST', path: '/v1/responses', payload: respond('fake-text', { previous_response_id: 'resp_1' }), status: 400, type: json },
    { method: 'POST', path: '/v1/responses', payload: respond('nope'), status: 404, type: json },
    { method: 'POST', path: '/v1/responses', payload: respond('fake-429'), status: 429, type: json }
  ])
})

t.test('Anthropic answers match the document: the message, each named SSE event, count_tokens, /v1/models in its shape, errors', async (t) => {
  const { app } = await buildTestApp(t, { OPENAI_MODELS: MODELS, UPSTREAM_RETRY_BASE_MS: '5', UPSTREAM_MAX_RETRIES: '0' })
  const message = (model: string, extra: Record<string, unknown> = {}) => ({ model: `openai/${model}`, max_tokens: 100, messages: hello, ...extra })
  const anthropicTools = [{ name: 'get_weather', input_schema: { type: 'object' } }]
  const thinking = { thinking: { type: 'enabled', budget_tokens: 1000 } }
  const version = { 'anthropic-version': '2023-06-01' }
  const sse = 'text/event-stream'
  const json = 'application/json; charset=utf-8'
  await checkCases(t, app, [
    { method: 'POST', path: '/v1/messages', payload: message('fake-text'), status: 200, type: json },
    { method: 'POST', path: '/v1/messages', payload: message('fake-reasoning', thinking), status: 200, type: json },
    { method: 'POST', path: '/v1/messages', payload: message('fake-tools', { tools: anthropicTools }), status: 200, type: json },
    { method: 'POST', path: '/v1/messages', payload: message('fake-text', { stream: true }), status: 200, type: sse },
    { method: 'POST', path: '/v1/messages', payload: message('fake-reasoning', { stream: true, ...thinking }), status: 200, type: sse },
    { method: 'POST', path: '/v1/messages', payload: message('fake-tools', { stream: true, tools: anthropicTools }), status: 200, type: sse },
    { method: 'POST', path: '/v1/messages', payload: message('fake-error-event', { stream: true }), status: 200, type: sse },
    { method: 'POST', path: '/v1/messages', payload: message('nope'), status: 404, type: json },
    { method: 'POST', path: '/v1/messages', payload: { model: 'openai/fake-text', messages: hello }, status: 400, type: json },
    { method: 'POST', path: '/v1/messages', payload: message('fake-429'), status: 429, type: json },
    { method: 'POST', path: '/v1/messages', payload: message('fake-500'), status: 502, type: json },
    { method: 'POST', path: '/v1/messages', payload: message('fake-503'), status: 503, type: json },
    { method: 'POST', path: '/v1/messages/count_tokens', payload: { model: 'openai/fake-text', messages: hello }, status: 200, type: json },
    { method: 'POST', path: '/v1/messages/count_tokens', payload: { model: 'openai/fake-text' }, status: 400, type: json },
    { method: 'GET', path: '/v1/models', url: '/v1/models?limit=2', headers: version, status: 200, type: json },
    { method: 'GET', path: '/v1/models/{model}', url: '/v1/models/openai/fake-text', headers: version, status: 200, type: json },
    { method: 'GET', path: '/v1/models/{model}', url: '/v1/models/nosuchprovider/nope', headers: version, status: 404, type: json }
  ])
})

t.test('an empty registry\'s `data: null`, the 401 of every dialect with API_KEYS and the admin keys\' 403 match the document', async (t) => {
  const empty = await buildTestApp(t, { OPENAI_API_KEY: '' })
  await checkCases(t, empty.app, [{ method: 'GET', path: '/v1/models', status: 200 }])

  const { app } = await buildTestApp(t, { API_KEYS: 'client-key' })
  const checker = new DocumentChecker(await documentOf(app, { 'x-api-key': 'client-key' }))
  const keyed = [
    ['GET', '/api/tags'], ['POST', '/api/chat'], ['GET', '/v1/models'], ['POST', '/v1/chat/completions'], ['GET', '/v1/models/{model}', '/v1/models/openai/fake-text'],
    ['POST', '/v1/messages']
  ] as const
  for (const [method, path, url] of keyed) {
    const response = await app.inject({ method, url: url ?? path, ...(method === 'POST' ? { payload: { model: 'openai/fake-text', messages: hello } } : {}) })
    t.equal(response.statusCode, 401, `${method} ${path}`)
    t.same(checker.check(method, path, response), [], `${method} ${path}: as documented`)
  }
  const probe = await app.inject({ method: 'GET', url: '/health/ready' })
  t.same(checker.check('GET', '/health/ready', probe), [], 'probes stay open')

  const keyedMetrics = await buildTestApp(t, { API_KEYS: 'client-key', METRICS_API_KEY: 'scrape-key' })
  const metricsChecker = new DocumentChecker(await documentOf(keyedMetrics.app, { 'x-api-key': 'client-key' }))
  for (const [name, headers, status] of [
    ['no key', {}, 401], ['a client key', { authorization: 'Bearer client-key' }, 401], ['the metrics key', { authorization: 'Bearer scrape-key' }, 200]
  ] as const) {
    const scraped = await keyedMetrics.app.inject({ method: 'GET', url: '/metrics', headers })
    t.equal(scraped.statusCode, status, `/metrics with ${name}`)
    t.same(metricsChecker.check('GET', '/metrics', scraped), [], `/metrics with ${name}: as documented`)
  }

  const admin = await buildTestApp(t, { API_KEYS: 'client-key', ADMIN_API_KEYS: 'admin-key' })
  const headers = { 'x-api-key': 'client-key' }
  const adminChecker = new DocumentChecker(await documentOf(admin.app, headers))
  for (const [method, path, payload] of [
    ['POST', '/api/create', { model: 'mine', from: 'openai/fake-text' }], ['POST', '/api/copy', { source: 'openai/fake-text', destination: 'mine' }],
    ['DELETE', '/api/delete', { model: 'mine' }], ['POST', '/api/push', { model: 'openai/fake-text' }]
  ] as const) {
    const refused = await admin.app.inject({ method, url: path, headers, payload })
    t.equal(refused.statusCode, 403, `${path} without an admin key`)
    t.same(adminChecker.check(method, path, refused), [], `${path}: 403 as documented`)
  }
})

t.test('the 503 past MAX_PENDING_ANSWERS matches the document in every dialect, Retry-After included', async (t) => {
  const { app, url, upstream } = await listenTestApp(t, { MAX_PENDING_ANSWERS: '1' })
  const checker = new DocumentChecker(await documentOf(app))
  // Its own client, destroyed at the end: connections it leaves behind would hold the app's close.
  const dispatcher = new Agent()
  const controller = new AbortController()
  const open = await request(`${url}/api/chat`, {
    method: 'POST', dispatcher, signal: controller.signal, body: JSON.stringify({ model: 'openai/fake-slow', messages: hello })
  })
  for (const path of ['/api/chat', '/v1/chat/completions', '/v1/messages']) {
    const busy = await request(`${url}${path}`, { method: 'POST', dispatcher, body: JSON.stringify({ model: 'openai/fake-text', max_tokens: 100, messages: hello }) })
    const answer: RealAnswer = { statusCode: busy.statusCode, headers: busy.headers, body: await busy.body.text() }
    t.equal(answer.statusCode, 503, path)
    t.equal(answer.headers['retry-after'], '1', path)
    t.same(checker.check('POST', path, answer), [], `${path}: as documented`)
  }
  controller.abort()
  await open.body.text().catch(() => undefined)
  await upstream.waitForNoSockets(5000)
  await dispatcher.destroy()
})
