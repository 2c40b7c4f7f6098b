/**
 * The `/v1/responses` request body as far as JSON Schema checks it: field types only. Items, parts and
 * tools are read (and refused with OpenAI-shaped messages) by src/responses/read-request.ts. Unknown
 * fields are accepted and ignored, as Ollama does.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
import { Type, type Static } from '@sinclair/typebox'
import type { DocumentedDialect } from './answer-schemas.js'
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
}, { $id: 'ResponsesRequest', additionalProperties: true, description: 'An OpenAI Responses request, answered statelessly' })

export type ResponsesRequestBody = Static<typeof ResponsesRequestSchema>

/** OpenAI's Responses API under `/v1`: OpenAI's error body; named SSE events, the last one `response.completed`, `.incomplete` or `.failed`. */
export const RESPONSES_DIALECT: DocumentedDialect<typeof OpenAiErrorBodySchema> = {
  errorBody: OpenAiErrorBodySchema,
  streamMediaType: 'text/event-stream'
}

const OutputItemSchema = Type.Object({
  id: Type.String({ description: '`rs_…`, `msg_…` or `fc_…`' }),
  type: Type.String({ description: 'reasoning (summary, encrypted_content), message (role, content: output_text parts), function_call (call_id, name, arguments)' })
}, { additionalProperties: true })

const UsageSchema = Type.Object({
  input_tokens: Type.Integer(),
  input_tokens_details: Type.Object({ cached_tokens: Type.Integer() }),
  output_tokens: Type.Integer(),
  output_tokens_details: Type.Object({ reasoning_tokens: Type.Integer() }),
  total_tokens: Type.Integer()
})

/** The `response` object, as one answer and inside the lifecycle events. */
export const ResponsesResponseSchema = Type.Object({
  id: Type.String({ description: '`resp_` and 32 random alphanumerics' }),
  object: Type.Literal('response'),
  created_at: Type.Integer({ description: 'Unix seconds' }),
  status: Type.String({ description: 'in_progress, completed, incomplete or failed' }),
  background: Type.Boolean(),
  completed_at: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  incomplete_details: Type.Union([Type.Object({ reason: Type.String() }), Type.Null()]),
  instructions: Type.Union([Type.String(), Type.Null()]),
  max_output_tokens: Type.Union([Type.Integer(), Type.Null()]),
  max_tool_calls: Type.Null(),
  model: Type.String({ description: 'The model name as sent' }),
  output: Type.Array(OutputItemSchema),
  parallel_tool_calls: Type.Boolean(),
  previous_response_id: Type.Null(),
  prompt_cache_key: Type.Union([Type.String(), Type.Null()]),
  reasoning: Type.Object({ effort: Type.Union([Type.String(), Type.Null()]), summary: Type.Union([Type.String(), Type.Null()]) }),
  safety_identifier: Type.Null(),
  service_tier: Type.String(),
  store: Type.Boolean({ description: 'Always false: nothing is stored' }),
  temperature: Type.Number(),
  text: Type.Object({ format: Type.Object({ type: Type.String() }, { additionalProperties: true }), verbosity: Type.String() }),
  tool_choice: Type.Unknown(),
  tools: Type.Array(Type.Object({ type: Type.Literal('function'), name: Type.String() }, { additionalProperties: true })),
  top_logprobs: Type.Integer(),
  top_p: Type.Number(),
  truncation: Type.String(),
  usage: Type.Union([UsageSchema, Type.Null()]),
  user: Type.Union([Type.String(), Type.Null()]),
  metadata: Type.Record(Type.String(), Type.String())
}, { $id: 'ResponsesResponse', description: 'An OpenAI Responses `response` object' })

/** One streamed event: its `type` (also the SSE `event:` line), a `sequence_number` rising from 0, and the type's fields. */
export const ResponsesStreamEventSchema = Type.Object({
  type: Type.String({ description: 'response.created, response.in_progress, response.output_item.added, … response.completed' }),
  sequence_number: Type.Integer({ minimum: 0 })
}, { $id: 'ResponsesStreamEvent', additionalProperties: true })
