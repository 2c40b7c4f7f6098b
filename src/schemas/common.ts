/** Wire schemas shared by the inference endpoints; each `$id` becomes an OpenAPI component. */
import { Type, type Static } from '@sinclair/typebox'

export const ErrorBodySchema = Type.Object({
  error: Type.String({ description: 'What went wrong, in Ollama\'s wording' })
}, { $id: 'ErrorBody', description: 'Every error the API answers' })

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
}, { $id: 'ToolCall' })

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

export const DoneReasonSchema = Type.String({ description: 'stop, length, load or unload' })
