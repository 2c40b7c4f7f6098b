/** `/api/generate` request and response bodies. */
import { Type, type Static } from '@sinclair/typebox'
import { DoneReasonSchema, FormatSchema, KeepAliveSchema, MetricsProperties, OptionsSchema, StreamFlagSchema, ThinkSchema } from './common.js'

export const GenerateRequestSchema = Type.Object({
  model: Type.Optional(Type.String()),
  prompt: Type.Optional(Type.String()),
  suffix: Type.Optional(Type.String({ description: 'Text after the insertion point (fill-in-the-middle)' })),
  system: Type.Optional(Type.String()),
  template: Type.Optional(Type.String({ description: 'Accepted and ignored: providers apply their own templates' })),
  context: Type.Optional(Type.Union([Type.Array(Type.Integer()), Type.Null()])),
  raw: Type.Optional(Type.Boolean()),
  images: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  format: Type.Optional(Type.Ref(FormatSchema)),
  options: Type.Optional(Type.Union([Type.Ref(OptionsSchema), Type.Null()])),
  stream: StreamFlagSchema,
  keep_alive: Type.Optional(Type.Ref(KeepAliveSchema)),
  think: Type.Optional(Type.Union([Type.Ref(ThinkSchema), Type.Null()])),
  truncate: Type.Optional(Type.Boolean()),
  shift: Type.Optional(Type.Boolean()),
  logprobs: Type.Optional(Type.Boolean()),
  top_logprobs: Type.Optional(Type.Integer())
}, { $id: 'GenerateRequest' })

export type GenerateRequest = Static<typeof GenerateRequestSchema>

export const GenerateResponseSchema = Type.Object({
  model: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  response: Type.String(),
  thinking: Type.Optional(Type.String()),
  done: Type.Boolean(),
  done_reason: Type.Optional(DoneReasonSchema),
  ...MetricsProperties
}, { $id: 'GenerateResponse', description: 'One answer, or one NDJSON chunk of a streamed answer' })
