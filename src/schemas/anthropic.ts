/**
 * `/v1/messages` request and answer bodies, as Ollama's Anthropic compatibility layer reads them. Blocks and
 * settings stay open (`additionalProperties`): the reader (src/anthropic/messages-reader.ts) checks them
 * with Ollama's wording, and fields this server ignores must not fail a request.
 * @see https://docs.claude.com/en/api/messages (checked 2026-11)
 */
import { Type, type Static } from '@sinclair/typebox'
import type { DocumentedDialect } from './answer-schemas.js'
import { StringEnum } from './common.js'
import { OpenAiErrorBodySchema } from './openai.js'

const ContentBlockSchema = Type.Object({
  type: Type.String({ description: 'text, image, tool_use, tool_result, thinking or redacted_thinking; others are ignored' })
}, { additionalProperties: true })

export type AnthropicContentBlockParam = Static<typeof ContentBlockSchema> & Record<string, unknown>

const MessageParamSchema = Type.Object({
  role: Type.String({ description: 'user or assistant' }),
  content: Type.Union([Type.String(), Type.Array(ContentBlockSchema)])
}, { additionalProperties: true })

const ToolSchema = Type.Object({
  type: Type.Optional(Type.String({ description: 'custom (the default); server tool types are refused' })),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  input_schema: Type.Optional(Type.Unknown({ description: 'A JSON schema object' }))
}, { additionalProperties: true })

/** What `/v1/messages` and `/v1/messages/count_tokens` share: the conversation and its tools. */
const conversationFields = {
  model: Type.Optional(Type.String()),
  messages: Type.Optional(Type.Array(MessageParamSchema)),
  system: Type.Optional(Type.Union([Type.String(), Type.Array(ContentBlockSchema)], { description: 'A string, or text blocks (cache_control accepted and ignored)' })),
  tools: Type.Optional(Type.Array(ToolSchema)),
  tool_choice: Type.Optional(Type.Object({
    type: Type.String({ description: 'auto, any, tool or none (accepted; the provider decides)' }),
    name: Type.Optional(Type.String()),
    disable_parallel_tool_use: Type.Optional(Type.Boolean())
  }, { additionalProperties: true })),
  thinking: Type.Optional(Type.Object({
    type: Type.String({ description: 'enabled, disabled or adaptive' }),
    budget_tokens: Type.Optional(Type.Integer({ description: 'Mapped to the nearest think level' }))
  }, { additionalProperties: true })),
  output_config: Type.Optional(Type.Object({
    effort: Type.Optional(Type.String({ description: 'low, medium, high, xhigh or max: the think level when `thinking` is absent or adaptive' })),
    format: Type.Optional(Type.Object({ type: Type.String({ description: 'json_schema' }), schema: Type.Optional(Type.Unknown()) }, { additionalProperties: true }))
  }, { additionalProperties: true }))
}

export const AnthropicMessagesRequestSchema = Type.Object({
  ...conversationFields,
  max_tokens: Type.Optional(Type.Integer({ description: 'Required and positive' })),
  stream: Type.Optional(Type.Boolean({ description: 'Server-sent events when true; one message object otherwise (the default)' })),
  temperature: Type.Optional(Type.Number()),
  top_p: Type.Optional(Type.Number()),
  top_k: Type.Optional(Type.Integer()),
  stop_sequences: Type.Optional(Type.Array(Type.String())),
  metadata: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'Accepted and ignored' }))
}, { $id: 'AnthropicMessagesRequest', additionalProperties: true })

export type AnthropicMessagesRequest = Static<typeof AnthropicMessagesRequestSchema>

export const AnthropicCountTokensRequestSchema = Type.Object(conversationFields, { $id: 'AnthropicCountTokensRequest', additionalProperties: true })

export type AnthropicCountTokensRequest = Static<typeof AnthropicCountTokensRequestSchema>

const ERROR_TYPES = [
  'invalid_request_error', 'authentication_error', 'permission_error', 'not_found_error',
  'request_too_large', 'rate_limit_error', 'api_error', 'overloaded_error'
] as const

export const AnthropicErrorBodySchema = Type.Object({
  type: StringEnum(['error']),
  error: Type.Object({
    type: StringEnum(ERROR_TYPES, {
      description: 'invalid_request_error (400), authentication_error (401), permission_error (403), not_found_error (404), ' +
        'request_too_large (413), rate_limit_error (429), overloaded_error (503, 529), api_error (every other, and a stream\'s error event)'
    }),
    message: Type.String()
  }),
  request_id: Type.String({ description: '`req_` and 24 hex digits' })
}, { $id: 'AnthropicErrorBody', description: 'Every `/v1/messages` error, and the `event: error` frame a stream may end with, in Anthropic\'s shape' })

export type AnthropicErrorBody = Static<typeof AnthropicErrorBodySchema>

/** Anthropic's Messages API: `{"type":"error",…}` errors, server-sent events named by their `type`. */
export const ANTHROPIC_DIALECT: DocumentedDialect<typeof AnthropicErrorBodySchema> = {
  errorBody: AnthropicErrorBodySchema,
  streamMediaType: 'text/event-stream'
}

const STOP_REASONS = ['end_turn', 'max_tokens', 'tool_use'] as const

/**
 * One content block of an answer (src/anthropic/message-blocks.ts), in the order of its fields. The
 * one-shot message serializes them through this union: every block carries its `type` and all its fields.
 */
export const AnthropicContentBlockSchema = Type.Union([
  Type.Object({ type: StringEnum(['text']), text: Type.String() }),
  Type.Object({ type: StringEnum(['thinking']), thinking: Type.String(), signature: Type.String({ description: 'Empty when the provider signs no thinking' }) }),
  Type.Object({ type: StringEnum(['redacted_thinking']), data: Type.String() }),
  Type.Object({
    type: StringEnum(['tool_use']),
    id: Type.String(),
    name: Type.String(),
    input: Type.Record(Type.String(), Type.Unknown(), { description: 'The arguments; `{}` in content_block_start, which input_json_delta fills' })
  })
], { $id: 'AnthropicContentBlock' })

export type AnthropicContentBlock = Static<typeof AnthropicContentBlockSchema>

export const AnthropicUsageSchema = Type.Object({
  input_tokens: Type.Integer({ description: 'The provider\'s count, or an estimate when it reports none (and in message_start)' }),
  output_tokens: Type.Integer()
}, { $id: 'AnthropicUsage' })

/** The one-shot answer (src/anthropic/message-writer.ts `fold`), and the message of a stream's `message_start`. */
export const AnthropicMessageSchema = Type.Object({
  id: Type.String({ description: '`msg_` and 24 hex digits' }),
  type: StringEnum(['message']),
  role: StringEnum(['assistant']),
  model: Type.String({ description: 'The model name as the client sent it' }),
  content: Type.Array(Type.Ref(AnthropicContentBlockSchema), { description: 'Empty in message_start' }),
  stop_reason: Type.Unsafe<(typeof STOP_REASONS)[number] | null>({
    type: ['string', 'null'],
    enum: [...STOP_REASONS, null],
    description: 'null in message_start only'
  }),
  stop_sequence: Type.Null(),
  usage: Type.Ref(AnthropicUsageSchema)
}, { $id: 'AnthropicMessage' })

export type AnthropicMessage = Static<typeof AnthropicMessageSchema>

const event = <T extends string, P extends Parameters<typeof Type.Object>[0]> (type: T, properties: P) => Type.Object({ type: StringEnum([type]), ...properties })

/**
 * One server-sent event's data (the `event:` line names the same type): message_start, ping, then per
 * block content_block_start, content_block_delta…, content_block_stop, then message_delta and message_stop.
 */
export const AnthropicStreamEventSchema = Type.Union([
  event('message_start', { message: Type.Ref(AnthropicMessageSchema) }),
  event('ping', {}),
  event('content_block_start', { index: Type.Integer(), content_block: Type.Ref(AnthropicContentBlockSchema) }),
  event('content_block_delta', {
    index: Type.Integer(),
    delta: Type.Union([
      Type.Object({ type: StringEnum(['text_delta']), text: Type.String() }),
      Type.Object({ type: StringEnum(['thinking_delta']), thinking: Type.String() }),
      Type.Object({ type: StringEnum(['signature_delta']), signature: Type.String() }),
      Type.Object({ type: StringEnum(['input_json_delta']), partial_json: Type.String({ description: 'The whole arguments as JSON, in one delta' }) })
    ])
  }),
  event('content_block_stop', { index: Type.Integer() }),
  event('message_delta', {
    delta: Type.Object({ stop_reason: StringEnum(STOP_REASONS), stop_sequence: Type.Null() }),
    usage: Type.Ref(AnthropicUsageSchema)
  }),
  event('message_stop', {})
], { $id: 'AnthropicStreamEvent' })

export type AnthropicStreamEvent = Static<typeof AnthropicStreamEventSchema>

export const AnthropicCountTokensSchema = Type.Object({
  input_tokens: Type.Integer({ description: 'The provider\'s own count where it has a counting API (Anthropic, Gemini), else an estimate' })
}, { $id: 'AnthropicCountTokens' })

export const AnthropicModelSchema = Type.Object({
  type: StringEnum(['model']),
  id: Type.String(),
  display_name: Type.String(),
  created_at: Type.String({ description: 'RFC 3339' })
}, { $id: 'AnthropicModel' })

export type AnthropicModel = Static<typeof AnthropicModelSchema>

export const AnthropicModelListSchema = Type.Object({
  data: Type.Array(Type.Ref(AnthropicModelSchema)),
  has_more: Type.Boolean(),
  first_id: Type.Union([Type.String(), Type.Null()]),
  last_id: Type.Union([Type.String(), Type.Null()])
}, { $id: 'AnthropicModelList', description: 'With an `anthropic-version` header: one page (`limit`, `after_id`, `before_id`) of the models that can chat' })

export type AnthropicModelList = Static<typeof AnthropicModelListSchema>

/**
 * `/v1/models` answers in OpenAI's shape, or Anthropic's for a request carrying `anthropic-version`: its
 * errors are either body (src/routes/openai/models.ts serializes Anthropic's own way).
 */
export const OpenAiOrAnthropicErrorBodySchema = Type.Union([Type.Ref(OpenAiErrorBodySchema), Type.Ref(AnthropicErrorBodySchema)], {
  $id: 'OpenAiOrAnthropicErrorBody',
  description: 'OpenAI\'s error body, or Anthropic\'s for a request carrying `anthropic-version`'
})

export const OPENAI_OR_ANTHROPIC_DIALECT: DocumentedDialect<typeof OpenAiOrAnthropicErrorBodySchema> = {
  errorBody: OpenAiOrAnthropicErrorBodySchema,
  streamMediaType: 'text/event-stream'
}

/** What tells `/v1/models` to answer in Anthropic's shape, and Anthropic's paging (read as given: no type is enforced). */
export const AnthropicVersionHeadersSchema = Type.Object({
  'anthropic-version': Type.Optional(Type.String({ description: 'Present (any value, e.g. 2023-06-01): answers and errors in Anthropic\'s shape' }))
})

export const AnthropicModelPageQuerySchema = Type.Object({
  limit: Type.Optional(Type.Unknown({ description: 'With anthropic-version: page size, digits, 1 to 1000 (default 20)' })),
  after_id: Type.Optional(Type.Unknown({ description: 'With anthropic-version: the page after this model id' })),
  before_id: Type.Optional(Type.Unknown({ description: 'With anthropic-version: the page before this model id' }))
})
