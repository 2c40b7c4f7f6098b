/** `/v1` answers as src/openai/ writes them: completion objects, their streamed chunks, embeddings and models. */
import { Type, type Static } from '@sinclair/typebox'
import { LogprobSchema, StringEnum } from './common.js'

const FINISH_REASONS = ['stop', 'length', 'tool_calls'] as const

const FinishReasonSchema = StringEnum(FINISH_REASONS, { description: 'tool_calls when a turn that ended normally made tool calls' })

/** `null` on every chunk but the one that ends the choice. Chunks are written by JSON.stringify, so a union costs nothing. */
const ChunkFinishReasonSchema = Type.Unsafe<(typeof FINISH_REASONS)[number] | null>({
  type: ['string', 'null'],
  enum: [...FINISH_REASONS, null],
  description: 'null until the chunk that ends the choice'
})

/** `choices[].logprobs` as Ollama's `/v1` layer writes it (`ChoiceLogprobs`, openai/openai.go), when they were asked for. */
const ChoiceLogprobsSchema = Type.Optional(Type.Object({
  content: Type.Array(Type.Ref(LogprobSchema))
}, { description: 'When asked for: the tokens of this choice or chunk' }))

/** Fields every answer object and chunk starts with (src/openai/completion-frame.ts `frameHeader`). */
function header<T extends readonly string[]> (objects: T) {
  return {
    id: Type.String({ description: '`chatcmpl-` or `cmpl-` and a number, the same on every chunk of one answer' }),
    object: StringEnum(objects),
    created: Type.Integer({ description: 'Unix seconds' }),
    model: Type.String({ description: 'The model name as the client sent it' }),
    system_fingerprint: Type.String({ description: 'Always fp_ollama' })
  }
}

export const OpenAiUsageSchema = Type.Object({
  prompt_tokens: Type.Integer(),
  completion_tokens: Type.Integer(),
  total_tokens: Type.Integer()
}, { $id: 'OpenAiUsage' })

export type OpenAiUsage = Static<typeof OpenAiUsageSchema>

/** A tool call in an answer or a chunk's delta (the tool call a client sends back is OpenAiMessageToolCall). */
export const OpenAiAnswerToolCallSchema = Type.Object({
  id: Type.String(),
  index: Type.Integer({ description: 'The call\'s position in the answer' }),
  type: StringEnum(['function']),
  function: Type.Object({
    name: Type.String(),
    arguments: Type.String({ description: 'The arguments as a JSON string' })
  })
}, { $id: 'OpenAiAnswerToolCall' })

export type OpenAiAnswerToolCall = Static<typeof OpenAiAnswerToolCallSchema>

/** The one-shot `chat.completion` (src/openai/aggregate-completion.ts). */
export const OpenAiChatCompletionSchema = Type.Object({
  ...header(['chat.completion']),
  choices: Type.Array(Type.Object({
    index: Type.Integer(),
    message: Type.Object({
      role: StringEnum(['assistant']),
      content: Type.String(),
      reasoning: Type.Optional(Type.String({ description: 'The model\'s thinking, when it thought' })),
      tool_calls: Type.Optional(Type.Array(Type.Ref(OpenAiAnswerToolCallSchema)))
    }),
    finish_reason: FinishReasonSchema,
    logprobs: ChoiceLogprobsSchema
  })),
  usage: Type.Ref(OpenAiUsageSchema)
}, { $id: 'OpenAiChatCompletion' })

export type OpenAiChatCompletion = Static<typeof OpenAiChatCompletionSchema>

/**
 * One `chat.completion.chunk` (src/openai/sse-writer.ts): deltas (the role in the first only), then a
 * chunk with an empty delta and the finish reason, then, with `stream_options.include_usage`, one with
 * no choices and the usage.
 */
export const OpenAiChatCompletionChunkSchema = Type.Object({
  ...header(['chat.completion.chunk']),
  choices: Type.Array(Type.Object({
    index: Type.Integer(),
    delta: Type.Object({
      role: Type.Optional(StringEnum(['assistant'])),
      content: Type.Optional(Type.String()),
      reasoning: Type.Optional(Type.String()),
      tool_calls: Type.Optional(Type.Array(Type.Ref(OpenAiAnswerToolCallSchema)))
    }),
    finish_reason: ChunkFinishReasonSchema,
    logprobs: ChoiceLogprobsSchema
  }), { description: 'Empty on the usage chunk' }),
  usage: Type.Optional(Type.Ref(OpenAiUsageSchema, { description: 'On the usage chunk only' }))
}, { $id: 'OpenAiChatCompletionChunk' })

export type OpenAiChatCompletionChunk = Static<typeof OpenAiChatCompletionChunkSchema>

/** The one-shot `text_completion` of `/v1/completions` (src/openai/aggregate-completion.ts). */
export const OpenAiTextCompletionSchema = Type.Object({
  ...header(['text_completion']),
  choices: Type.Array(Type.Object({
    text: Type.String(),
    index: Type.Integer(),
    finish_reason: FinishReasonSchema,
    logprobs: ChoiceLogprobsSchema
  })),
  usage: Type.Ref(OpenAiUsageSchema)
}, { $id: 'OpenAiTextCompletion' })

export type OpenAiTextCompletion = Static<typeof OpenAiTextCompletionSchema>

/** One streamed `text_completion` chunk: text pieces, then an empty text with the finish reason, then the usage chunk when asked. */
export const OpenAiTextCompletionChunkSchema = Type.Object({
  ...header(['text_completion']),
  choices: Type.Array(Type.Object({
    text: Type.String(),
    index: Type.Integer(),
    finish_reason: ChunkFinishReasonSchema,
    logprobs: ChoiceLogprobsSchema
  }), { description: 'Empty on the usage chunk' }),
  usage: Type.Optional(Type.Ref(OpenAiUsageSchema, { description: 'On the usage chunk only' }))
}, { $id: 'OpenAiTextCompletionChunk' })

export type OpenAiTextCompletionChunk = Static<typeof OpenAiTextCompletionChunkSchema>

/** `/v1/embeddings` (src/openai/embedding-list.ts). */
export const OpenAiEmbeddingListSchema = Type.Object({
  object: StringEnum(['list']),
  data: Type.Array(Type.Object({
    object: StringEnum(['embedding']),
    // The one union on a one-shot answer: a vector is numbers, or base64 when encoding_format asks for it.
    embedding: Type.Union([Type.Array(Type.Number()), Type.String({ description: 'Little-endian float32, base64' })], {
      description: 'A unit vector; base64 when encoding_format is base64'
    }),
    index: Type.Integer()
  }), { description: 'One per input, in input order' }),
  model: Type.String({ description: 'The model name as the client sent it' }),
  usage: Type.Object({
    prompt_tokens: Type.Integer(),
    total_tokens: Type.Integer()
  })
}, { $id: 'OpenAiEmbeddingList' })

export type OpenAiEmbeddingList = Static<typeof OpenAiEmbeddingListSchema>

export const OpenAiModelSchema = Type.Object({
  id: Type.String(),
  object: StringEnum(['model']),
  created: Type.Integer({ description: 'Unix seconds' }),
  owned_by: Type.String({ description: 'The namespace: the provider id, or library for names without one' })
}, { $id: 'OpenAiModel' })

export type OpenAiModel = Static<typeof OpenAiModelSchema>

export const OpenAiModelListSchema = Type.Object({
  object: StringEnum(['list']),
  data: Type.Union([Type.Array(Type.Ref(OpenAiModelSchema)), Type.Null()], { description: 'null when no model is served, as Ollama answers' })
}, { $id: 'OpenAiModelList' })

export type OpenAiModelList = Static<typeof OpenAiModelListSchema>
