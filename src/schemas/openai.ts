/** `/v1` request bodies and errors, as Ollama's OpenAI compatibility layer reads and answers them (answers: openai-answers.ts). */
import { Type, type Static } from '@sinclair/typebox'
import type { DocumentedDialect } from './answer-schemas.js'
import { StringEnum } from './common.js'

export const OpenAiErrorBodySchema = Type.Object({
  error: Type.Object({
    message: Type.String(),
    type: StringEnum(['invalid_request_error', 'not_found_error', 'api_error'], {
      description: 'invalid_request_error (400), not_found_error (404), api_error (every other status, and a stream\'s error frame)'
    }),
    param: Type.Null(),
    code: Type.Null()
  })
}, { $id: 'OpenAiErrorBody', description: 'Every `/v1` error, and the frame a stream may end with, in OpenAI\'s shape' })

export type OpenAiErrorBody = Static<typeof OpenAiErrorBodySchema>

/** OpenAI's API under `/v1`: `{"error":{…}}` errors, server-sent events ending with `data: [DONE]`. */
export const OPENAI_DIALECT: DocumentedDialect<typeof OpenAiErrorBodySchema> = {
  errorBody: OpenAiErrorBodySchema,
  streamMediaType: 'text/event-stream',
  streamEnd: '[DONE]'
}

/** A tool call inside an assistant message the client sends back (answers use OpenAiAnswerToolCall). */
export const OpenAiMessageToolCallSchema = Type.Object({
  id: Type.Optional(Type.String()),
  index: Type.Optional(Type.Integer()),
  type: Type.Optional(Type.String()),
  function: Type.Object({
    name: Type.String(),
    arguments: Type.Optional(Type.String({ description: 'The arguments as a JSON string' }))
  })
}, { $id: 'OpenAiMessageToolCall' })

export const OpenAiMessageSchema = Type.Object({
  role: Type.String({ description: 'system, developer, user, assistant or tool' }),
  content: Type.Optional(Type.Union([
    Type.String(),
    Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true, description: 'text or image_url part' })),
    Type.Null()
  ])),
  name: Type.Optional(Type.String()),
  reasoning: Type.Optional(Type.String()),
  tool_calls: Type.Optional(Type.Union([Type.Array(Type.Ref(OpenAiMessageToolCallSchema)), Type.Null()])),
  tool_call_id: Type.Optional(Type.String())
}, { $id: 'OpenAiMessage' })

export type OpenAiMessage = Static<typeof OpenAiMessageSchema>

const StopSchema = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String()), Type.Null()]))
const StreamOptionsSchema = Type.Optional(Type.Union([Type.Object({ include_usage: Type.Optional(Type.Boolean()) }), Type.Null()]))
const NullableNumber = Type.Optional(Type.Union([Type.Number(), Type.Null()]))
const NullableInteger = Type.Optional(Type.Union([Type.Integer(), Type.Null()]))

export const OpenAiChatRequestSchema = Type.Object({
  model: Type.String(),
  messages: Type.Array(Type.Ref(OpenAiMessageSchema)),
  stream: Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { description: 'Server-sent events when true; one JSON object otherwise (the default)' })),
  stream_options: StreamOptionsSchema,
  tools: Type.Optional(Type.Union([Type.Array(Type.Object({
    type: Type.Optional(Type.String()),
    function: Type.Object({ name: Type.String(), description: Type.Optional(Type.String()), parameters: Type.Optional(Type.Unknown()) })
  })), Type.Null()])),
  tool_choice: Type.Optional(Type.Unknown()),
  temperature: NullableNumber,
  top_p: NullableNumber,
  max_tokens: NullableInteger,
  max_completion_tokens: NullableInteger,
  stop: StopSchema,
  seed: NullableInteger,
  frequency_penalty: NullableNumber,
  presence_penalty: NullableNumber,
  response_format: Type.Optional(Type.Union([Type.Object({
    type: Type.String({ description: 'text, json_object or json_schema' }),
    json_schema: Type.Optional(Type.Object({ schema: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }, { additionalProperties: true }))
  }), Type.Null()])),
  reasoning_effort: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  reasoning: Type.Optional(Type.Union([Type.Object({ effort: Type.Optional(Type.String()) }, { additionalProperties: true }), Type.Null()])),
  n: NullableInteger,
  logprobs: Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { description: 'Return each token\'s log probability, where the model\'s provider offers them (else 400)' })),
  top_logprobs: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'With logprobs: the most likely tokens at each position, 0–20 (else 400)' }))
}, { $id: 'OpenAiChatRequest' })

export type OpenAiChatRequest = Static<typeof OpenAiChatRequestSchema>

export const OpenAiCompletionRequestSchema = Type.Object({
  model: Type.String(),
  prompt: Type.String({ description: 'A single prompt string' }),
  suffix: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  stream: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  stream_options: StreamOptionsSchema,
  temperature: NullableNumber,
  top_p: NullableNumber,
  max_tokens: NullableInteger,
  stop: StopSchema,
  seed: NullableInteger,
  frequency_penalty: NullableNumber,
  presence_penalty: NullableNumber,
  logprobs: Type.Optional(Type.Union([Type.Integer(), Type.Null()], {
    description: 'Above 0: return log probabilities with that many most likely tokens at each position (at most 20, else 400)'
  }))
}, { $id: 'OpenAiCompletionRequest' })

export type OpenAiCompletionRequest = Static<typeof OpenAiCompletionRequestSchema>

export const OpenAiEmbeddingsRequestSchema = Type.Object({
  model: Type.String(),
  input: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String()), Type.Null()], { description: 'One text or a list of texts' })),
  dimensions: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  encoding_format: Type.Optional(Type.Union([Type.String({ description: 'float (default) or base64' }), Type.Null()])),
  user: Type.Optional(Type.String())
}, { $id: 'OpenAiEmbeddingsRequest' })

export type OpenAiEmbeddingsRequest = Static<typeof OpenAiEmbeddingsRequestSchema>
