/** `answerSchemas()`: a route's `schema.response`, its answers per status and content type, errors in its dialect's shape. */
import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox'

/** A client dialect as the document shows it: its error body and how it streams. */
export interface DocumentedDialect<ErrorBody extends TSchema = TSchema> {
  /** The `$id` schema of every error body (status ≥ 400) and of the in-band error that may end a stream. */
  readonly errorBody: ErrorBody
  /** `application/x-ndjson`: one JSON object a line; `text/event-stream`: one per `data:` frame. */
  readonly streamMediaType: 'application/x-ndjson' | 'text/event-stream'
  /** The last frame's `data` when a stream ends normally with a non-JSON marker (OpenAI's `[DONE]`). */
  readonly streamEnd?: string
}

/**
 * Statuses a route declares. Not per route: 403 with an empty body for an Origin outside OLLAMA_ORIGINS
 * or a foreign Host (a body-less error would make generated clients' error types `unknown`), and gin's
 * text/plain 404/405 for an unknown path or method; the document's description says so.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 429 | 500 | 502 | 503 | 504

/** What one route answers. */
export interface AnswerSpec<Json extends TSchema = TSchema, Item extends TSchema = TSchema, Text extends TSchema = TSchema> {
  /** What a 200 carries, in words. */
  readonly description: string
  /** The one-shot JSON answer, a `$id` schema or a union of them. fast-json-stringify serializes it with this schema: it must be exact. */
  readonly json?: Json
  /** One item of a streamed answer (an NDJSON line, an SSE frame's `data`); the dialect's error and end are added. */
  readonly stream?: Item
  /** A plain-text answer. */
  readonly text?: Text
  /** A 200 with an empty body. */
  readonly empty?: boolean
  /** The error statuses this route answers beside those every route may (401, 429, 500, 503), with their meaning here. */
  readonly errors?: Partial<Record<ErrorStatus, string>>
  /** A probe, open without a client key: no 401. */
  readonly open?: boolean
}

/** Fastify's own answer to a request that arrives on an open connection while the server closes. */
export const ServerClosingBodySchema = Type.Object({
  error: Type.String(),
  message: Type.String(),
  statusCode: Type.Integer()
}, { $id: 'ServerClosingBody', description: 'Fastify\'s 503 body while the server closes, in every dialect' })

/** Statuses any route may answer. */
const EVERY_ROUTE: Partial<Record<ErrorStatus, string>> = {
  401: 'API_KEYS is set and the request carries none of its keys (`Authorization: Bearer …` or `x-api-key`)',
  429: 'A per-key limit of the config file (`limits`: requests per minute, tokens per UTC day) is used up; Retry-After says when it frees up',
  500: 'An internal failure',
  503: 'Busy (event-loop delay over MAX_EVENT_LOOP_DELAY_MS, with Retry-After), or the server is closing'
}

/** Every route that reads a JSON body. */
export const BODY_ERRORS: Partial<Record<ErrorStatus, string>> = {
  400: 'The body is missing, is not JSON, or does not have the declared shape',
  413: 'The body is larger than BODY_LIMIT_BYTES'
}

/** Every route that calls a provider, beside BODY_ERRORS. */
export const UPSTREAM_ERRORS: Partial<Record<ErrorStatus, string>> = {
  ...BODY_ERRORS,
  401: 'API_KEYS is set and the request carries none of its keys, or the provider refused the configured key',
  404: 'Unknown model, or a model the provider does not have',
  413: 'The body is larger than BODY_LIMIT_BYTES, or the provider found the request too large',
  429: 'The provider\'s rate limit (its Retry-After is passed on), or a per-key limit of the config file is used up (Retry-After: when it frees up)',
  502: 'The provider failed, could not be reached, or answered something unreadable',
  503: 'MAX_PENDING_ANSWERS answers in flight, the event loop is overloaded, the provider is overloaded, ' +
    'no model of the fallback chain is available, or the server is closing; Retry-After when known',
  504: 'The provider did not answer in time (connect, first byte, idle stream, or REQUEST_DEADLINE_MS)'
}

const RETRY_AFTER = { 'retry-after': { type: 'string', description: 'Seconds to wait before retrying' } }

/** One status's documentation, with the body types fastify's type provider checks a handler's return against. */
export interface DocumentedAnswer<Body> {
  readonly description: string
  readonly headers?: typeof RETRY_AFTER
  readonly content: Readonly<Record<string, { readonly schema: TUnsafe<Body> }>>
  /**
   * The streamed media type and its item, for the document only (plugins/openapi.ts adds it to `content`):
   * fastify never serializes a stream, and compiling the item's union cost every app's boot.
   */
  readonly 'x-streamed'?: Readonly<Record<string, { readonly schema: TSchema }>>
}

/**
 * A status range (`4xx`, `5xx`) as fastify serializes it: one schema for the whole range, and under
 * `x-statuses` the statuses the document shows in its place (plugins/openapi.ts expands them). Fastify
 * compiles a serializer per declared status of every route: ten error statuses each made the app's
 * boot four times longer, and its event-loop stall set off the overload guard.
 */
export interface DocumentedRange<Body> extends DocumentedAnswer<Body> {
  readonly 'x-statuses': Readonly<Record<string, DocumentedAnswer<Body>>>
}

/**
 * A route's `schema.response` as its handler is typed: it may return any body the document declares,
 * the 200's (for each content type) or an error's. An empty 200 (a `null` schema at run time) leaves
 * the type `unknown`, so `reply.send()` needs no argument.
 */
export interface AnswerSchemas<Success, Failure> {
  readonly 200: DocumentedAnswer<Success>
  readonly '4xx': DocumentedRange<Failure>
  readonly '5xx': DocumentedRange<Failure>
}

type BodyOf<Schema extends TSchema> = TSchema extends Schema ? never : Static<Schema>

/** An empty answer (no schema given) is `unknown`: fastify then lets `reply.send()` go without a payload. */
type SuccessOf<Json extends TSchema, Item extends TSchema, Text extends TSchema> =
  [BodyOf<Json> | BodyOf<Item> | BodyOf<Text>] extends [never] ? unknown : BodyOf<Json> | BodyOf<Item> | BodyOf<Text>

type FailureOf<ErrorBody extends TSchema> = Static<ErrorBody> | Static<typeof ServerClosingBodySchema>

function errorAnswer<ErrorBody extends TSchema> (dialect: DocumentedDialect<ErrorBody>, status: ErrorStatus, description: string): DocumentedAnswer<FailureOf<ErrorBody>> {
  return {
    description,
    ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
    content: { 'application/json': { schema: status === 503 ? closingOr(dialect) : Type.Ref(dialect.errorBody) } }
  }
}

/** A 503 may be Fastify's own body while the server closes. */
function closingOr<ErrorBody extends TSchema> (dialect: DocumentedDialect<ErrorBody>): TUnsafe<FailureOf<ErrorBody>> {
  return Type.Unsafe(Type.Union([Type.Ref(dialect.errorBody), Type.Ref(ServerClosingBodySchema)]))
}

/**
 * The statuses of one range, serialized with the dialect's error body. The closing body a 503 may carry
 * is Fastify's own write, never serialized here: only the document's 503 names it (a union would cost
 * every route a validator-backed serializer).
 */
function errorRange<ErrorBody extends TSchema> (
  dialect: DocumentedDialect<ErrorBody>,
  range: 4 | 5,
  errors: Partial<Record<ErrorStatus, string>>
): DocumentedRange<FailureOf<ErrorBody>> {
  const statuses: Record<string, DocumentedAnswer<FailureOf<ErrorBody>>> = {}
  for (const [status, description] of Object.entries(errors)) {
    if (status.startsWith(String(range))) statuses[status] = errorAnswer(dialect, Number(status) as ErrorStatus, description)
  }
  return {
    description: `${range}xx errors, in the dialect's error shape`,
    content: { 'application/json': { schema: Type.Unsafe(Type.Ref(dialect.errorBody)) } },
    'x-statuses': statuses
  }
}

function successAnswer<ErrorBody extends TSchema, Json extends TSchema, Item extends TSchema, Text extends TSchema> (
  dialect: DocumentedDialect<ErrorBody>,
  spec: AnswerSpec<Json, Item, Text>
): DocumentedAnswer<BodyOf<Json> | BodyOf<Item> | BodyOf<Text>> | TUnsafe<unknown> {
  const { description } = spec
  // No content: the document shows none, and fastify serializes nothing.
  if (spec.empty === true) return Type.Unsafe({ description, type: 'null' })
  const content: Record<string, { schema: TUnsafe<BodyOf<Json> | BodyOf<Item> | BodyOf<Text>> }> = {}
  if (spec.text !== undefined) content['text/plain'] = { schema: Type.Unsafe(spec.text) }
  // A named schema is referenced; a union of them (one route, two dialects' shapes) is written inline.
  if (spec.json !== undefined) content['application/json'] = { schema: Type.Unsafe(spec.json.$id === undefined ? spec.json : Type.Ref(spec.json)) }
  if (spec.stream === undefined) return { description, content }
  const end = dialect.streamEnd === undefined ? [] : [Type.Unsafe<string>({ type: 'string', enum: [dialect.streamEnd] })]
  const item = Type.Union([Type.Ref(spec.stream), Type.Ref(dialect.errorBody), ...end], {
    description: `One ${dialect.streamMediaType === 'text/event-stream' ? 'frame\'s data' : 'line'}: a chunk; ` +
      'an error object ends a stream that failed after its first chunk' +
      (dialect.streamEnd === undefined ? '' : `; \`${dialect.streamEnd}\` ends every other`)
  })
  return { description, content, 'x-streamed': { [dialect.streamMediaType]: { schema: item } } }
}

/** The `schema.response` of a route speaking `dialect`: every status it really answers, with its body per content type. */
export function answerSchemas<ErrorBody extends TSchema, Json extends TSchema = TSchema, Item extends TSchema = TSchema, Text extends TSchema = TSchema> (
  dialect: DocumentedDialect<ErrorBody>,
  spec: AnswerSpec<Json, Item, Text>
) {
  const errors = { ...EVERY_ROUTE, ...spec.errors }
  if (spec.open === true) {
    delete errors[401]
    // Probes are never limited.
    if (spec.errors?.[429] === undefined) delete errors[429]
  }
  const response = { 200: successAnswer(dialect, spec), '4xx': errorRange(dialect, 4, errors), '5xx': errorRange(dialect, 5, errors) }
  // An empty 200 is typed `unknown` (see AnswerSchemas), which the null schema it is does not say by itself.
  return response as AnswerSchemas<SuccessOf<Json, Item, Text>, FailureOf<ErrorBody>>
}
