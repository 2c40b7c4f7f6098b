/** Wire schemas shared by the Ollama endpoints, and the conventions every schema file follows. */
/*
 * Conventions (src/schemas/**; the OpenAPI document at /openapi.json is built from these, see plugins/openapi.ts):
 * - One file per dialect or resource; a wire object is `XxxSchema` with `$id: 'Xxx'`, its component name.
 *   Ollama's own names stay bare (`ChatRequest`, `ChatResponse`), other dialects carry a prefix
 *   (`OpenAiChatCompletion`, `AnthropicMessage`). Every `$id` schema is listed in src/schemas/index.ts.
 * - Answer schemas are exact: fast-json-stringify serializes a one-shot JSON answer with its schema,
 *   dropping undeclared fields and writing required fields first, then optional ones, each in declared
 *   order. Declare every field the writer emits, keep required/optional as the bytes need, and no
 *   `anyOf` on a field every answer carries (nullable unions serialize through a validator).
 *   Literal strings are `StringEnum([...])`, not `Type.Literal` (a const is written without looking).
 * - A streamed answer declares one item: an NDJSON line or an SSE frame's `data`, the dialect's
 *   in-band error object included (answer-schemas.ts adds it).
 * - A route's `schema.response` comes from `answerSchemas(dialect, spec)` (answer-schemas.ts);
 *   a dialect (`OLLAMA_DIALECT` below, `OPENAI_DIALECT` in openai.ts, `ANTHROPIC_DIALECT` in anthropic.ts)
 *   names its error body and framing.
 *   The handler's return is then type-checked against every body the route documents.
 * - Routes carry a stable lowerCamelCase `operationId` (bare for Ollama's API, `openAi…`, `anthropic…`
 *   for the others; Fastify's HEAD twin becomes `<id>Head`) and tags from OPENAPI_TAGS in index.ts.
 *   test/openapi/ lists every operation and checks real answers against the document.
 */
import { Type, type Static, type TUnsafe } from '@sinclair/typebox'
import type { DocumentedDialect } from './answer-schemas.js'

/** A string limited to `values`: typed as their union, serialized as a plain string (no validator). */
export function StringEnum<const T extends readonly string[]> (values: T, options: { description?: string } = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })
}

export const ErrorBodySchema = Type.Object({
  error: Type.String({ description: 'What went wrong, in Ollama\'s wording' })
}, { $id: 'ErrorBody', description: 'Every error the Ollama API answers, and the line a stream may end with' })

/** Ollama's API: `{"error":"…"}` errors, NDJSON streams. */
export const OLLAMA_DIALECT: DocumentedDialect<typeof ErrorBodySchema> = {
  errorBody: ErrorBodySchema,
  streamMediaType: 'application/x-ndjson'
}

/** Types are documented, not validated here: src/ollama/option-types.ts answers Ollama's own wording for a wrong type. */
const option = (type: string, description?: string) => Type.Optional(Type.Unknown({ description: description === undefined ? type : `${type}. ${description}` }))

export const OptionsSchema = Type.Object({
  temperature: option('number'),
  top_p: option('number'),
  top_k: option('integer', 'Sent only to providers that accept it'),
  min_p: option('number', 'Sent only to providers that accept it'),
  num_predict: option('integer', 'Most tokens to generate; -1 for no limit'),
  num_ctx: option('integer', 'Accepted and ignored: the provider decides the context window'),
  stop: option('array of strings'),
  seed: option('integer'),
  presence_penalty: option('number'),
  frequency_penalty: option('number'),
  repeat_penalty: option('number', 'Sent as repetition_penalty to providers that accept it')
}, { $id: 'Options', additionalProperties: true, description: 'Model options; keys without an upstream equivalent are accepted and ignored' })

export type OllamaOptions = Static<typeof OptionsSchema>

export const KeepAliveSchema = Type.Union([Type.Number(), Type.String()], {
  $id: 'KeepAlive',
  description: 'Seconds as a number, or a duration string such as "5m"; 0 unloads'
})

export const ThinkSchema = Type.Union([Type.Boolean(), Type.String()], {
  $id: 'Think',
  description: 'true/false, or a level: "low", "medium", "high", "max"'
})

export const FormatSchema = Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())], {
  $id: 'Format',
  description: '"json", or a JSON schema the answer must follow'
})

export const ToolCallSchema = Type.Object({
  id: Type.Optional(Type.String()),
  function: Type.Object({
    index: Type.Optional(Type.Integer()),
    name: Type.String(),
    arguments: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.String()])
  })
}, { $id: 'ToolCall', description: 'A tool call in a message the client sends back' })

/**
 * A tool call in an answer (`message.tool_calls[]`; a generate stream's final line). `id` and
 * `function.index` are always there, but declared optional: fast-json-stringify writes required
 * fields first, and the one-shot answer's bytes have `function` before `id`, `index` last.
 */
export const AnswerToolCallSchema = Type.Object({
  id: Type.Optional(Type.String({ description: 'Always present' })),
  function: Type.Object({
    index: Type.Optional(Type.Integer({ description: 'Always present: the call\'s position in the answer' })),
    name: Type.String(),
    arguments: Type.Record(Type.String(), Type.Unknown(), { description: 'The arguments as an object' })
  })
}, { $id: 'AnswerToolCall' })

export type AnswerToolCall = Static<typeof AnswerToolCallSchema>

const TokenLogprobProperties = {
  token: Type.String(),
  logprob: Type.Number({ description: 'Natural log of the token\'s probability, as the provider reported it' }),
  bytes: Type.Optional(Type.Array(Type.Integer(), { description: 'The token\'s UTF-8 bytes' }))
}

/**
 * One generated token's log probability (Ollama's `api.Logprob`), on native answers and in `/v1`'s `choices[].logprobs.content`;
 * `top_logprobs` when the request asked for more than 0.
 */
export const LogprobSchema = Type.Object({
  ...TokenLogprobProperties,
  top_logprobs: Type.Optional(Type.Array(Type.Object(TokenLogprobProperties), { description: 'The most likely tokens at this position, most likely first' }))
}, { $id: 'Logprob' })

export type LogprobEntry = Static<typeof LogprobSchema>

/** Request fields `logprobs` and `top_logprobs`, on `/api/chat` and `/api/generate` alike. */
export const LogprobsRequestProperties = {
  logprobs: Type.Optional(Type.Boolean({ description: 'Return each token\'s log probability, where the model\'s provider offers them (else 400)' })),
  top_logprobs: Type.Optional(Type.Integer({ description: 'With logprobs: the most likely tokens to return at each position, 0–20 (else 400)' }))
}

export const MessageSchema = Type.Object({
  role: Type.String({ description: 'system, user, assistant or tool' }),
  content: Type.Optional(Type.String()),
  thinking: Type.Optional(Type.String()),
  images: Type.Optional(Type.Union([Type.Array(Type.String({ description: 'base64, without a data: prefix' })), Type.Null()])),
  tool_calls: Type.Optional(Type.Union([Type.Array(ToolCallSchema), Type.Null()])),
  tool_name: Type.Optional(Type.String()),
  tool_call_id: Type.Optional(Type.String())
}, { $id: 'Message' })

export type OllamaMessage = Static<typeof MessageSchema>

export const ToolSchema = Type.Object({
  type: Type.Optional(Type.String()),
  function: Type.Object({
    name: Type.String(),
    description: Type.Optional(Type.String()),
    parameters: Type.Optional(Type.Unknown())
  })
}, { $id: 'Tool' })

/** The fields of a final chunk that carry timings (integer nanoseconds) and token counts. */
export const MetricsProperties = {
  total_duration: Type.Optional(Type.Integer()),
  load_duration: Type.Optional(Type.Integer()),
  prompt_eval_count: Type.Optional(Type.Integer()),
  prompt_eval_duration: Type.Optional(Type.Integer()),
  eval_count: Type.Optional(Type.Integer()),
  eval_duration: Type.Optional(Type.Integer())
}

export const StreamFlagSchema = Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { description: 'Streamed (NDJSON) unless false' }))

export const DoneReasonSchema = StringEnum(['stop', 'length', 'load', 'unload'], { description: 'load and unload answer an empty prompt or messages' })
