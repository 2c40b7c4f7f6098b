/**
 * The `/v1/responses` request body as far as JSON Schema checks it: field types only. Items, parts and
 * tools are read (and refused with OpenAI-shaped messages) by src/responses/read-request.ts. Unknown
 * fields are accepted and ignored, as Ollama does.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
import { Type, type Static } from '@sinclair/typebox'
import type { DocumentedDialect } from './answer-schemas.js'
import { StringEnum } from './common.js'
import { OpenAiErrorBodySchema } from './openai.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]))
const Loose = Type.Object({}, { additionalProperties: true })

export const ResponsesRequestSchema = Type.Object({
  model: Type.Optional(Type.String({ description: 'A model name as /api/tags lists it, or an alias' })),
  input: Type.Optional(Type.Union([
    Type.String({ description: 'One user message' }),
    Type.Array(Loose, { description: 'Items: message (input_text, input_image, output_text), function_call, function_call_output, reasoning' })
  ])),
  instructions: Nullable(Type.String({ description: 'Sent first, as the system message' })),
  tools: Nullable(Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true }), { description: 'Flat function tools: {type: "function", name, description, parameters, strict}' })),
  tool_choice: Type.Optional(Type.Unknown({ description: 'Accepted and echoed; the model decides (as Ollama)' })),
  parallel_tool_calls: Nullable(Type.Boolean()),
  reasoning: Nullable(Type.Object({
    effort: Nullable(Type.String({ description: 'none, minimal, low, medium, high, xhigh: the model\'s thinking switch' })),
    summary: Nullable(Type.String()),
    generate_summary: Nullable(Type.String())
  }, { additionalProperties: true })),
  max_output_tokens: Nullable(Type.Integer()),
  temperature: Nullable(Type.Number()),
  top_p: Nullable(Type.Number()),
  text: Nullable(Type.Object({
    format: Nullable(Type.Object({ type: Type.String({ description: 'text, json_object or json_schema' }) }, { additionalProperties: true })),
    verbosity: Nullable(Type.String())
  }, { additionalProperties: true })),
  stream: Nullable(Type.Boolean({ description: 'Server-sent events when true; one response object otherwise (the default)' })),
  store: Nullable(Type.Boolean({ description: 'Accepted; nothing is stored' })),
  previous_response_id: Nullable(Type.String({ description: 'Refused: this server is stateless' })),
  conversation: Type.Optional(Type.Unknown({ description: 'Refused: this server is stateless' })),
  background: Nullable(Type.Boolean()),
  include: Nullable(Type.Array(Type.String())),
  metadata: Nullable(Type.Record(Type.String(), Type.String())),
  truncation: Nullable(Type.String()),
  prompt_cache_key: Nullable(Type.String()),
  user: Nullable(Type.String()),
  service_tier: Nullable(Type.String())
}, { additionalProperties: true, description: 'An OpenAI Responses request, answered statelessly' })

export type ResponsesRequestBody = Static<typeof ResponsesRequestSchema>

/** The Responses API's streams: SSE frames with an `event:` name, no `[DONE]`; errors in OpenAI's shape. */
export const RESPONSES_DIALECT: DocumentedDialect<typeof OpenAiErrorBodySchema> = {
  errorBody: OpenAiErrorBodySchema,
  streamMediaType: 'text/event-stream'
}

/**
 * A `response` object (src/responses/response-object.ts builds it). Open to further fields: the writer echoes
 * the request's settings the way OpenAI does, and fast-json-stringify must not drop any of them.
 */
export const ResponsesResponseSchema = Type.Object({
  id: Type.String({ description: '`resp_` and a random id' }),
  object: StringEnum(['response']),
  created_at: Type.Integer({ description: 'Unix seconds' }),
  status: StringEnum(['completed', 'incomplete', 'failed', 'in_progress']),
  model: Type.String({ description: 'The model name as the client sent it' }),
  output: Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true }), {
    description: 'reasoning (with encrypted_content), message (output_text parts), function_call items, in answer order'
  })
}, { $id: 'ResponsesResponse', additionalProperties: true })

/** One streamed event's `data`: its `type` (the SSE event name too) and a sequence number rising from 0. */
export const ResponsesStreamEventSchema = Type.Object({
  type: Type.String(),
  sequence_number: Type.Integer({ minimum: 0 })
}, { $id: 'ResponsesStreamEvent', additionalProperties: true })
