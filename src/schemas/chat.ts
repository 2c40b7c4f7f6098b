/** `/api/chat` request and response bodies. */
import { Type, type Static } from '@sinclair/typebox'
import { AnswerToolCallSchema, DoneReasonSchema, FormatSchema, KeepAliveSchema, LogprobSchema, LogprobsRequestProperties, MessageSchema, MetricsProperties, OptionsSchema, StreamFlagSchema, StringEnum, ThinkSchema, ToolSchema } from './common.js'

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
  ...LogprobsRequestProperties
}, { $id: 'ChatRequest' })

export type ChatRequest = Static<typeof ChatRequestSchema>

/**
 * One answer, or one NDJSON line of a streamed answer (src/ollama/chunk-builder.ts writes both).
 * `done_reason` and the metrics are on the last line only; `thinking` and `tool_calls` only when not empty.
 */
export const ChatResponseSchema = Type.Object({
  model: Type.String({ description: 'The model name as the client sent it' }),
  created_at: Type.String({ format: 'date-time' }),
  message: Type.Object({
    role: StringEnum(['assistant']),
    content: Type.String(),
    thinking: Type.Optional(Type.String()),
    tool_calls: Type.Optional(Type.Array(Type.Ref(AnswerToolCallSchema)))
  }),
  done_reason: Type.Optional(DoneReasonSchema),
  done: Type.Boolean(),
  logprobs: Type.Optional(Type.Array(Type.Ref(LogprobSchema), { description: 'When asked for: the tokens of this line (one-shot: of the whole answer)' })),
  ...MetricsProperties
}, { $id: 'ChatResponse', description: 'One answer, or one NDJSON line of a streamed answer' })

export type ChatResponse = Static<typeof ChatResponseSchema>
