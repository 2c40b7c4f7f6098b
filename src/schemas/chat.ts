/** `/api/chat` request and response bodies. */
import { Type, type Static } from '@sinclair/typebox'
import { DoneReasonSchema, FormatSchema, KeepAliveSchema, MessageSchema, MetricsProperties, OptionsSchema, StreamFlagSchema, ThinkSchema, ToolCallSchema, ToolSchema } from './common.js'

export const ChatRequestSchema = Type.Object({
  model: Type.Optional(Type.String({ description: 'provider/model, optionally with :latest' })),
  messages: Type.Optional(Type.Union([Type.Array(Type.Ref(MessageSchema)), Type.Null()])),
  tools: Type.Optional(Type.Union([Type.Array(Type.Ref(ToolSchema)), Type.Null()])),
  format: Type.Optional(Type.Ref(FormatSchema)),
  options: Type.Optional(Type.Union([Type.Ref(OptionsSchema), Type.Null()])),
  stream: StreamFlagSchema,
  keep_alive: Type.Optional(Type.Ref(KeepAliveSchema)),
  think: Type.Optional(Type.Union([Type.Ref(ThinkSchema), Type.Null()])),
  truncate: Type.Optional(Type.Boolean()),
  shift: Type.Optional(Type.Boolean()),
  logprobs: Type.Optional(Type.Boolean()),
  top_logprobs: Type.Optional(Type.Integer())
}, { $id: 'ChatRequest' })

export type ChatRequest = Static<typeof ChatRequestSchema>

export const ChatResponseSchema = Type.Object({
  model: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  message: Type.Object({
    role: Type.String(),
    content: Type.String(),
    thinking: Type.Optional(Type.String()),
    tool_calls: Type.Optional(Type.Array(Type.Ref(ToolCallSchema)))
  }),
  done_reason: Type.Optional(DoneReasonSchema),
  done: Type.Boolean(),
  ...MetricsProperties
}, { $id: 'ChatResponse', description: 'One answer, or one NDJSON chunk of a streamed answer' })
