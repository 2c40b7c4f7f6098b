/** Folds ChatEvents into one whole answer: what every non-streamed writer (Ollama, /v1) builds its reply from. */
import type { ToolCall, ChatEvent, DoneReason, Logprob } from './chat-event.js'
import type { AnswerMetrics } from './answer-metrics.js'
import { UpstreamAnswerError } from '../errors.js'

export interface FoldedAnswer {
  readonly content: string
  readonly thinking: string
  readonly toolCalls: readonly ToolCall[]
  readonly doneReason: DoneReason
  /** Every token's log probabilities in order; empty when none were asked for. */
  readonly logprobs: readonly Logprob[]
}

/**
 * Usage and token timing go into `metrics`. An `error` event fails the whole answer, since nothing was sent yet:
 * it throws `UpstreamAnswerError` (502, the upstream's message).
 */
export async function foldChatEvents (events: AsyncIterable<ChatEvent>, metrics: AnswerMetrics): Promise<FoldedAnswer> {
  const content: string[] = []
  const thinking: string[] = []
  const toolCalls: ToolCall[] = []
  const logprobs: Logprob[] = []
  let doneReason: DoneReason = 'stop'
  for await (const event of events) {
    switch (event.type) {
      case 'text-delta':
        metrics.markToken()
        content.push(event.text)
        break
      case 'thinking-delta':
        metrics.markToken()
        thinking.push(event.text)
        break
      case 'tool-call':
        metrics.markToken()
        toolCalls.push(event.toolCall)
        break
      case 'logprobs':
        for (const logprob of event.logprobs) logprobs.push(logprob)
        break
      case 'usage':
        metrics.setUsage(event.promptTokens, event.completionTokens, event.durations)
        break
      case 'finish':
        doneReason = event.reason
        break
      case 'error':
        throw new UpstreamAnswerError(event.message)
    }
  }
  return { content: content.join(''), thinking: thinking.join(''), toolCalls, doneReason, logprobs }
}
