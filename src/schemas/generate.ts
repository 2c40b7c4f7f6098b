/** `/api/generate` request and response bodies. */
import { Type, type Static } from '@sinclair/typebox'
import { AnswerToolCallSchema, DoneReasonSchema, FormatSchema, KeepAliveSchema, LogprobSchema, LogprobsRequestProperties, MetricsProperties, OptionsSchema, StreamFlagSchema, ThinkSchema } from './common.js'

export const GenerateRequestSchema = Type.Object({
  model: Type.Optional(Type.String()),
  prompt: Type.Optional(Type.String()),
  suffix: Type.Optional(Type.String({ description: 'Text after the insertion point (fill-in-the-middle)' })),
  system: Type.Optional(Type.String()),
  template: Type.Optional(Type.String({ description: 'Accepted and ignored: providers apply their own templates' })),
  context: Type.Optional(Type.Union([Type.Array(Type.Integer()), Type.Null()], {
    description: 'The `context` of an earlier answer from this server: that conversation continues (its prompts and answers come before this prompt); ' +
      'one this server did not issue answers 400'
  })),
  raw: Type.Optional(Type.Boolean()),
  images: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  format: Type.Optional(Type.Ref(FormatSchema)),
  options: Type.Optional(Type.Union([Type.Ref(OptionsSchema), Type.Null()])),
  stream: StreamFlagSchema,
  keep_alive: Type.Optional(Type.Ref(KeepAliveSchema)),
  think: Type.Optional(Type.Union([Type.Ref(ThinkSchema), Type.Null()])),
  truncate: Type.Optional(Type.Boolean()),
  shift: Type.Optional(Type.Boolean()),
  ...LogprobsRequestProperties
}, { $id: 'GenerateRequest' })

export type GenerateRequest = Static<typeof GenerateRequestSchema>

const generateAnswerProperties = {
  model: Type.String({ description: 'The model name as the client sent it' }),
  created_at: Type.String({ format: 'date-time' }),
  response: Type.String(),
  thinking: Type.Optional(Type.String()),
  done: Type.Boolean(),
  done_reason: Type.Optional(DoneReasonSchema),
  context: Type.Optional(Type.Array(Type.Integer(), {
    description: 'Last line of a non-raw answer: the conversation so far (its prompts and answers, as Unicode code points of a compact JSON), ' +
      'to send back as the next request\'s `context`'
  })),
  ...MetricsProperties
}

const LogprobsAnswerProperty = {
  logprobs: Type.Optional(Type.Array(Type.Ref(LogprobSchema), { description: 'When asked for: the tokens of this line (one-shot: of the whole answer)' }))
}

/** The one-shot answer (src/ollama/ndjson-writer.ts); `done_reason` and the metrics always, `thinking` when not empty. */
export const GenerateResponseSchema = Type.Object({ ...generateAnswerProperties, ...LogprobsAnswerProperty }, {
  $id: 'GenerateResponse',
  description: 'The one-shot answer; also a load or unload answer'
})

export type GenerateResponse = Static<typeof GenerateResponseSchema>

/**
 * One NDJSON line of a streamed answer (src/ollama/ndjson-writer.ts). The last line also carries the
 * tool calls the model made, which the one-shot answer leaves out today (its serializer drops them).
 */
export const GenerateChunkSchema = Type.Object({
  ...generateAnswerProperties,
  tool_calls: Type.Optional(Type.Array(Type.Ref(AnswerToolCallSchema), { description: 'On the last line only' })),
  ...LogprobsAnswerProperty
}, { $id: 'GenerateChunk', description: 'One NDJSON line of a streamed answer; done_reason and the metrics on the last only' })

export type GenerateChunk = Static<typeof GenerateChunkSchema>
