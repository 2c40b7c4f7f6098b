/**
 * Issue 15, kind 5: every endpoint's answer to a missing, empty, blank or malformed model name, as Ollama's
 * handlers answer it (server/routes.go: `parseAndValidateModelRef` + `writeModelRefParseError` with each handler's
 * fallback; the /v1 layers run the same handlers and answer in their own error shape).
 */
import t from 'tap'
import { listenTestApp } from '../helpers/build-app.js'

type Case = readonly [status: number, message: string]

interface Endpoint {
  url: string
  /** The body without its model. */
  body: Record<string, unknown>
  /** The field that names the model. */
  field?: string
  missing: Case
  empty: Case
  blank: Case
  malformed: Case
  /** Where the error's message sits. */
  shape: 'ollama' | 'openai' | 'anthropic'
}

const hello = [{ role: 'user', content: 'hi' }]
const MALFORMED = 'bad name!'
const REQUIRED: Case = [400, 'model is required']
const NOT_FOUND_EMPTY: Case = [404, "model '' not found"]
const INVALID: Case = [400, 'invalid model name']

const ENDPOINTS: Endpoint[] = [
  // ChatHandler: fallback 400 `model is required`.
  { url: '/api/chat', body: { messages: hello, stream: false }, missing: REQUIRED, empty: REQUIRED, blank: REQUIRED, malformed: INVALID, shape: 'ollama' },
  // GenerateHandler: fallback 404 `model '<as sent>' not found`.
  { url: '/api/generate', body: { prompt: 'hi', stream: false }, missing: NOT_FOUND_EMPTY, empty: NOT_FOUND_EMPTY, blank: [404, "model '  ' not found"], malformed: INVALID, shape: 'ollama' },
  // EmbedHandler: the same check as generate.
  { url: '/api/embed', body: { input: 'hi' }, missing: NOT_FOUND_EMPTY, empty: NOT_FOUND_EMPTY, blank: [404, "model '  ' not found"], malformed: INVALID, shape: 'ollama' },
  // EmbeddingsHandler: fallback 400 `model is required`.
  { url: '/api/embeddings', body: { prompt: 'hi' }, missing: REQUIRED, empty: REQUIRED, blank: REQUIRED, malformed: INVALID, shape: 'ollama' },
  // ShowHandler: `model is required` before any parsing (an empty `model` and `name`). A blank or malformed name is
  // Ollama's 500 `unqualified name: …` in its own name formatting; this service answers the unknown model's 404.
  { url: '/api/show', body: {}, missing: REQUIRED, empty: REQUIRED, blank: [404, "model '  :latest' not found"], malformed: [404, `model '${MALFORMED}:latest' not found`], shape: 'ollama' },
  // /v1/chat/completions runs ChatHandler; /v1/completions GenerateHandler; /v1/embeddings EmbedHandler.
  { url: '/v1/chat/completions', body: { messages: hello }, missing: REQUIRED, empty: REQUIRED, blank: REQUIRED, malformed: INVALID, shape: 'openai' },
  { url: '/v1/completions', body: { prompt: 'hi' }, missing: NOT_FOUND_EMPTY, empty: NOT_FOUND_EMPTY, blank: [404, "model '  ' not found"], malformed: INVALID, shape: 'openai' },
  { url: '/v1/embeddings', body: { input: 'hi' }, missing: NOT_FOUND_EMPTY, empty: NOT_FOUND_EMPTY, blank: [404, "model '  ' not found"], malformed: INVALID, shape: 'openai' },
  // The Anthropic and Responses layers run ChatHandler.
  { url: '/v1/messages', body: { max_tokens: 10, messages: hello }, missing: REQUIRED, empty: REQUIRED, blank: REQUIRED, malformed: INVALID, shape: 'anthropic' },
  { url: '/v1/messages/count_tokens', body: { messages: hello }, missing: REQUIRED, empty: REQUIRED, blank: REQUIRED, malformed: INVALID, shape: 'anthropic' },
  { url: '/v1/responses', body: { input: 'hi' }, missing: REQUIRED, empty: REQUIRED, blank: REQUIRED, malformed: INVALID, shape: 'openai' }
]

function messageOf (shape: Endpoint['shape'], body: Record<string, unknown>): unknown {
  if (shape === 'ollama') return body.error
  return (body.error as Record<string, unknown> | undefined)?.message
}

t.test('each endpoint answers a missing, empty, blank or malformed model name as Ollama does', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  for (const endpoint of ENDPOINTS) {
    const variants: Array<[string, Record<string, unknown>, Case]> = [
      ['missing', endpoint.body, endpoint.missing],
      ['empty', { ...endpoint.body, model: '' }, endpoint.empty],
      ['blank', { ...endpoint.body, model: '  ' }, endpoint.blank],
      ['malformed', { ...endpoint.body, model: MALFORMED }, endpoint.malformed]
    ]
    for (const [name, body, [status, message]] of variants) {
      const response = await fetch(`${url}${endpoint.url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      const answer = await response.json() as Record<string, unknown>
      t.equal(response.status, status, `${endpoint.url} ${name}: status`)
      t.equal(messageOf(endpoint.shape, answer), message, `${endpoint.url} ${name}: wording`)
    }
  }
  t.equal(upstream.calls.length, 0, 'nothing reached the provider')
})
