/**
 * Issue 15, kind 1: `null` on any optional request field is the field left out. Every optional field of
 * every request schema is found by walking the schema; each is sent as `null` (on every element of the
 * arrays on its path) and the answer, and what the fake upstream received, must equal the request without it.
 */
import type { TSchema } from '@sinclair/typebox'
import t from 'tap'
import { AnthropicCountTokensRequestSchema, AnthropicMessagesRequestSchema } from '../../src/schemas/anthropic.js'
import { ChatRequestSchema } from '../../src/schemas/chat.js'
import { EmbeddingsRequestSchema, EmbedRequestSchema } from '../../src/schemas/embed.js'
import { GenerateRequestSchema } from '../../src/schemas/generate.js'
import { CopyRequestSchema, CreateRequestSchema, DeleteRequestSchema, PullRequestSchema } from '../../src/schemas/model-management.js'
import { ShowRequestSchema } from '../../src/schemas/models.js'
import { optionalFieldPaths } from '../../src/schemas/null-as-absent.js'
import { OpenAiChatRequestSchema, OpenAiCompletionRequestSchema, OpenAiEmbeddingsRequestSchema } from '../../src/schemas/openai.js'
import { ResponsesRequestSchema } from '../../src/schemas/responses.js'
import { listenTestApp } from '../helpers/build-app.js'
import { registerFakeScope } from '../helpers/embedding-provider.js'

type Json = Record<string, unknown>

const tool = { type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }

/** Each route with a body that holds every object and array its optional fields live in. */
const ROUTES: Array<{ url: string, schema: TSchema, body: Json }> = [
  {
    url: '/api/chat',
    schema: ChatRequestSchema,
    body: {
      model: 'openai/fake-text',
      stream: false,
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: '', thinking: 'look it up', tool_calls: [{ id: 'call_1', function: { index: 0, name: 'get_weather', arguments: { city: 'Oslo' } } }] },
        { role: 'tool', content: 'rain', tool_name: 'get_weather', tool_call_id: 'call_1' }
      ],
      tools: [tool],
      options: { temperature: 0.5 }
    }
  },
  { url: '/api/generate', schema: GenerateRequestSchema, body: { model: 'openai/fake-text', prompt: 'Hello', stream: false, options: { temperature: 0.5 } } },
  { url: '/api/embed', schema: EmbedRequestSchema, body: { model: 'fakescope/text-embedding-v4', input: ['one', 'two'], options: {} } },
  { url: '/api/embeddings', schema: EmbeddingsRequestSchema, body: { model: 'fakescope/text-embedding-v4', prompt: 'one', options: {} } },
  { url: '/api/show', schema: ShowRequestSchema, body: { model: 'openai/fake-text' } },
  { url: '/api/pull', schema: PullRequestSchema, body: { model: 'openai/fake-text', stream: false } },
  { url: '/api/create', schema: CreateRequestSchema, body: { model: 'brief', from: 'openai/fake-text', stream: false, messages: [{ role: 'user', content: 'hi' }], parameters: { temperature: 0.2 } } },
  { url: '/api/copy', schema: CopyRequestSchema, body: { source: 'openai/fake-text', destination: 'copied' } },
  { url: '/api/delete', schema: DeleteRequestSchema, body: { model: 'never-created' } },
  {
    url: '/v1/chat/completions',
    schema: OpenAiChatRequestSchema,
    body: {
      model: 'openai/fake-text',
      messages: [
        { role: 'user', content: 'Weather?', name: 'me' },
        { role: 'assistant', content: null, reasoning: 'look it up', tool_calls: [{ id: 'call_1', index: 0, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
        { role: 'tool', content: 'rain', tool_call_id: 'call_1' }
      ],
      tools: [tool],
      stream_options: { include_usage: true },
      response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object' } } },
      reasoning: { effort: 'low' }
    }
  },
  { url: '/v1/completions', schema: OpenAiCompletionRequestSchema, body: { model: 'openai/fake-text', prompt: 'Hello', stream_options: { include_usage: true } } },
  { url: '/v1/embeddings', schema: OpenAiEmbeddingsRequestSchema, body: { model: 'fakescope/text-embedding-v4', input: 'one' } },
  {
    url: '/v1/messages',
    schema: AnthropicMessagesRequestSchema,
    body: {
      model: 'openai/fake-text',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Weather?' }],
      system: 'Be brief',
      tools: [{ type: 'custom', name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } }],
      tool_choice: { type: 'auto', disable_parallel_tool_use: false },
      thinking: { type: 'enabled', budget_tokens: 2048 },
      output_config: { effort: 'low', format: { type: 'json_schema', schema: { type: 'object' } } },
      metadata: {}
    }
  },
  {
    url: '/v1/messages/count_tokens',
    schema: AnthropicCountTokensRequestSchema,
    body: {
      model: 'openai/fake-text',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [{ type: 'custom', name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 'get_weather' },
      thinking: { type: 'enabled', budget_tokens: 2048 },
      output_config: { effort: 'low', format: { type: 'json_schema', schema: { type: 'object' } } }
    }
  },
  {
    url: '/v1/responses',
    schema: ResponsesRequestSchema,
    body: {
      model: 'openai/fake-text',
      input: 'Hello',
      reasoning: { effort: 'low', summary: 'auto' },
      text: { format: { type: 'text' }, verbosity: 'medium' }
    }
  }
]

/** `body` with `path`'s field set to `value` (undefined: removed) on every element of the arrays on the way; false when a parent is missing. */
function withField (body: Json, path: string, value: unknown): { body: Json, found: boolean } {
  const copy = structuredClone(body)
  let found = false
  const visit = (node: unknown, steps: string[]): void => {
    if (steps.length === 0 || typeof node !== 'object' || node === null) return
    const [step, ...rest] = steps as [string, ...string[]]
    if (step === '[]') {
      if (Array.isArray(node)) for (const item of node) visit(item, rest)
      return
    }
    if (Array.isArray(node)) return
    const object = node as Json
    if (rest.length === 0) {
      found = true
      if (value === undefined) Reflect.deleteProperty(object, step)
      else object[step] = value
      return
    }
    visit(object[step], rest)
  }
  visit(copy, path.replace(/\[\]/g, '.[]').split('.').filter((step) => step !== ''))
  return { body: copy, found }
}

const VOLATILE = new Set(['created_at', 'created', 'id', 'request_id', 'system_fingerprint', 'modified_at', 'expires_at', 'sequence_number', 'item_id', 'response_id'])

/** The answer with ids, clocks and durations blanked. */
function comparable (text: string): unknown {
  const blank = (value: unknown, key = ''): unknown => {
    if (VOLATILE.has(key) || key.endsWith('_duration') || key.endsWith('_at')) return '<volatile>'
    if (Array.isArray(value)) return value.map((item) => blank(item))
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blank(v, k)]))
    return value
  }
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => {
    const data = line.startsWith('data: ') ? line.slice(6) : line
    try {
      return blank(JSON.parse(data))
    } catch {
      return data.replace(/(msg|resp|chatcmpl|cmpl|req|toolu|call|rs|fc)_[A-Za-z0-9]+/g, '$1_<id>')
    }
  })
}

t.test('every optional request field accepts null, answered as if absent', async (t) => {
  const { url, upstream, app } = await listenTestApp(t)
  registerFakeScope(app, upstream)
  let checked = 0
  for (const route of ROUTES) {
    const paths = optionalFieldPaths(route.schema)
    t.ok(paths.length > 0, `${route.url} has optional fields`)
    for (const path of paths) {
      const absent = withField(route.body, path, undefined)
      const nulled = withField(route.body, path, null)
      t.ok(nulled.found, `${route.url} ${path}: the test body holds its parent`)
      const send = async (body: Json) => {
        const before = upstream.calls.length
        const response = await fetch(`${url}${route.url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        const text = await response.text()
        return { status: response.status, answer: comparable(text), sent: upstream.calls.slice(before).map((call) => call.body) }
      }
      const without = await send(absent.body)
      const withNull = await send(nulled.body)
      t.same(withNull, without, `${route.url} ${path}: null answers as absent`)
      checked++
    }
  }
  t.ok(checked > 100, `${checked} optional fields checked`)
})

t.test('null on a required field is still refused', async (t) => {
  const { url } = await listenTestApp(t)
  const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'openai/fake-text', messages: null }) })
  t.equal(response.status, 400)
  const chat = await fetch(`${url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'openai/fake-text', stream: false, messages: [{ role: null, content: 'hi' }] }) })
  t.equal(chat.status, 400)
})

t.test('the OpenAPI document declares every optional request field nullable', async (t) => {
  const { url } = await listenTestApp(t)
  const document = await (await fetch(`${url}/openapi.json`)).json() as {
    paths: Record<string, Record<'post' | 'delete', { requestBody?: { content: Record<string, { schema: Json }> } } | undefined>>
    components: { schemas: Record<string, Json> }
  }
  const resolve = (schema: Json): Json => typeof schema.$ref === 'string' ? document.components.schemas[schema.$ref.split('/').at(-1) as string] as Json : schema
  for (const route of ROUTES) {
    const operation = document.paths[route.url]?.post ?? document.paths[route.url]?.delete
    const body = resolve(operation?.requestBody?.content['application/json']?.schema ?? {})
    const required = (body.required ?? []) as string[]
    const properties = (body.properties ?? {}) as Record<string, Json>
    const optional = Object.keys(properties).filter((key) => !required.includes(key))
    t.ok(optional.length > 0, `${route.url}: optional fields documented`)
    t.same(optional.filter((key) => properties[key]?.nullable !== true), [], `${route.url}: each nullable`)
  }
})
