/**
 * `/v1/messages` request and answer bodies, as Ollama's Anthropic compatibility layer reads them. Blocks and
 * settings stay open (`additionalProperties`): the reader (src/anthropic/messages-reader.ts) checks them
 * with Ollama's wording, and fields this server ignores must not fail a request.
 * @see https://docs.claude.com/en/api/messages (checked 2026-11)
 */
import { Type, type Static } from '@sinclair/typebox'

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
}, { additionalProperties: true })

export type AnthropicMessagesRequest = Static<typeof AnthropicMessagesRequestSchema>

export const AnthropicCountTokensRequestSchema = Type.Object(conversationFields, { additionalProperties: true })

export type AnthropicCountTokensRequest = Static<typeof AnthropicCountTokensRequestSchema>

export const AnthropicErrorBodySchema = Type.Object({
  type: Type.Literal('error'),
  error: Type.Object({
    type: Type.String({ description: 'invalid_request_error (400), authentication_error (401), permission_error (403), not_found_error (404), request_too_large (413), rate_limit_error (429), api_error (500), overloaded_error (503, 529)' }),
    message: Type.String()
  }),
  request_id: Type.String()
}, { description: 'Every `/v1/messages` error, in Anthropic\'s shape' })

export const AnthropicCountTokensResponseSchema = Type.Object({
  input_tokens: Type.Integer({ description: 'The provider\'s own count where it has a counting API (Anthropic, Gemini), else an estimate' })
})

export const AnthropicModelSchema = Type.Object({
  type: Type.Literal('model'),
  id: Type.String(),
  display_name: Type.String(),
  created_at: Type.String({ description: 'RFC 3339' })
})

export const AnthropicModelListSchema = Type.Object({
  data: Type.Array(AnthropicModelSchema),
  has_more: Type.Boolean(),
  first_id: Type.Union([Type.String(), Type.Null()]),
  last_id: Type.Union([Type.String(), Type.Null()])
}, { description: 'With an `anthropic-version` header: one page (`limit`, `after_id`, `before_id`) of the models that can chat' })
