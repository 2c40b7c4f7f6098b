/**
 * The `/v1` answer writer: ChatEvents to OpenAI server-sent events (deltas with the role in the first, a separate
 * finish chunk, a usage chunk when asked, then `data: [DONE]`), or folded into one `chat.completion` or
 * `text_completion` object. Streamed frames are pulled by `writeTextStream` (src/core/text-stream.ts), so a slow client pauses the upstream read.
 */
import type { AnswerMetrics } from '../core/answer-metrics.js'
import type { ChatEvent, DoneReason, Logprob } from '../core/chat-event.js'
import type { AnswerWriter } from '../core/dialect.js'
import { foldChatEvents } from '../core/fold-chat-events.js'
import { UpstreamAnswerError } from '../errors.js'
import type { OpenAiAnswerToolCall, OpenAiChatCompletion, OpenAiChatCompletionChunk, OpenAiTextCompletion, OpenAiTextCompletionChunk } from '../schemas/openai-answers.js'
import { finishReason, frameHeader, toOpenAiToolCall, usageOf, type CompletionFrame } from './completion-frame.js'
import { openAiErrorBody } from './openai-error.js'

/** One streamed chunk of either `/v1` answer, as its schema says. */
export type CompletionChunk = OpenAiChatCompletionChunk | OpenAiTextCompletionChunk

/** What one delta carries; a text completion writes only `content` (as `text`). */
interface DeltaFields {
  content: string
  reasoning?: string
  tool_calls?: OpenAiAnswerToolCall[]
}

const frameOf = (value: CompletionChunk | ReturnType<typeof openAiErrorBody>): string => `data: ${JSON.stringify(value)}\n\n`
/** Shared by every writer: no per-request object. */
const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'cache-control': 'no-cache' })

/** One per `/v1/chat/completions` or `/v1/completions` answer. */
export class CompletionWriter implements AnswerWriter {
  readonly streamContentType = 'text/event-stream'
  readonly streamHeaders = SSE_HEADERS
  readonly jsonContentType = 'application/json'

  /** `includeUsage`: the client's `stream_options.include_usage`, which adds a usage chunk before `[DONE]`. */
  constructor (readonly frame: CompletionFrame, readonly includeUsage: boolean) {}

  /**
   * Each piece is one `data: ...\n\n` frame. Completions have no reasoning or tool-call deltas; chat carries reasoning
   * in Ollama's `reasoning` field. An error before the first frame throws UpstreamAnswerError; after it, an OpenAI
   * error object (type `api_error`) is the last frame, without `[DONE]`.
   */
  async * stream (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): AsyncGenerator<string> {
    const { frame } = this
    let wroteChunk = false
    let toolCallCount = 0
    let doneReason: DoneReason = 'stop'
    // Log probabilities wait for the delta they describe (a mapper emits them just before it), as `choices[].logprobs`.
    let pending: Logprob[] | undefined
    const delta = (fields: DeltaFields): string => {
      metrics.markToken()
      const first = !wroteChunk
      wroteChunk = true
      const logprobs = pending === undefined ? undefined : { content: pending }
      pending = undefined
      if (frame.kind === 'text') {
        const choice: TextChoice = { text: fields.content, index: 0, finish_reason: null }
        if (logprobs !== undefined) choice.logprobs = logprobs
        return frameOf(textChunk(frame, [choice]))
      }
      const choice: ChatChoice = { index: 0, delta: first ? { role: 'assistant', ...fields } : fields, finish_reason: null }
      if (logprobs !== undefined) choice.logprobs = logprobs
      return frameOf(chatChunk(frame, [choice]))
    }
    for await (const event of events) {
      switch (event.type) {
        case 'text-delta':
          if (event.text !== '') yield delta({ content: event.text })
          break
        case 'thinking-delta':
          if (event.text !== '' && frame.kind === 'chat') yield delta({ content: '', reasoning: event.text })
          break
        case 'tool-call':
          if (frame.kind === 'chat') yield delta({ content: '', tool_calls: [toOpenAiToolCall(event.toolCall, toolCallCount++)] })
          break
        case 'logprobs':
          pending = pending === undefined ? event.logprobs : pending.concat(event.logprobs)
          break
        case 'usage':
          metrics.setUsage(event.promptTokens, event.completionTokens)
          break
        case 'finish':
          doneReason = event.reason
          break
        case 'error':
          // Nothing sent yet: the error handler can still answer with a real status.
          if (!wroteChunk) throw new UpstreamAnswerError(event.message)
          yield frameOf(openAiErrorBody(500, event.message))
          return
      }
    }
    const reason = finishReason(doneReason, toolCallCount > 0)
    // Log probabilities no delta took (of tokens that made no text) ride on the finish chunk.
    const rest = pending === undefined ? {} : { logprobs: { content: pending } }
    yield frameOf(frame.kind === 'chat'
      ? chatChunk(frame, [{ index: 0, delta: {}, finish_reason: reason, ...rest }])
      : textChunk(frame, [{ text: '', index: 0, finish_reason: reason, ...rest }]))
    if (this.includeUsage) {
      const usage = usageOf(metrics.promptTokens, metrics.completionTokens)
      yield frameOf(frame.kind === 'chat' ? { ...chatChunk(frame, []), usage } : { ...textChunk(frame, []), usage })
    }
    yield 'data: [DONE]\n\n'
  }

  /** The non-streamed answer, folded from the same events, with usage. */
  async fold (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): Promise<OpenAiChatCompletion | OpenAiTextCompletion> {
    const { frame } = this
    const answer = await foldChatEvents(events, metrics)
    const reason = finishReason(answer.doneReason, answer.toolCalls.length > 0)
    const usage = usageOf(metrics.promptTokens, metrics.completionTokens)
    const logprobs = answer.logprobs.length === 0 ? {} : { logprobs: { content: [...answer.logprobs] } }
    if (frame.kind === 'text') {
      return { ...frameHeader(frame, 'text_completion'), choices: [{ text: answer.content, index: 0, finish_reason: reason, ...logprobs }], usage }
    }
    const message: OpenAiChatCompletion['choices'][number]['message'] = { role: 'assistant', content: answer.content }
    if (answer.thinking !== '') message.reasoning = answer.thinking
    if (answer.toolCalls.length > 0) message.tool_calls = answer.toolCalls.map(toOpenAiToolCall)
    return { ...frameHeader(frame, 'chat.completion'), choices: [{ index: 0, message, finish_reason: reason, ...logprobs }], usage }
  }
}

type ChatChoice = OpenAiChatCompletionChunk['choices'][number]
type TextChoice = OpenAiTextCompletionChunk['choices'][number]

/** A `chat.completion.chunk` without usage: the header, then the choices. */
function chatChunk (frame: CompletionFrame, choices: OpenAiChatCompletionChunk['choices']): OpenAiChatCompletionChunk {
  return { ...frameHeader(frame, 'chat.completion.chunk'), choices }
}

/** A streamed `text_completion` without usage: the header, then the choices. */
function textChunk (frame: CompletionFrame, choices: OpenAiTextCompletionChunk['choices']): OpenAiTextCompletionChunk {
  return { ...frameHeader(frame, 'text_completion'), choices }
}
