/**
 * The Responses `response` object around an answer's output: its id and timestamps, status, the
 * echoed request settings, usage. Field order and defaults follow OpenAI's reference and Ollama's
 * `openai/responses.go` (store false: nothing is stored; service_tier "default").
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
import { randomId } from '../core/random-id.js'
import type { ResponseEcho } from './read-request.js'

/** What every event of one answer shares. */
export interface ResponseFrame {
  /** `resp_` and 32 random alphanumerics. */
  readonly id: string
  /** Unix seconds. */
  readonly createdAt: number
  /** The model name exactly as the client sent it. */
  readonly model: string
  readonly echo: ResponseEcho
}

export function newResponseFrame (model: string, echo: ResponseEcho): ResponseFrame {
  return { id: randomId('resp_'), createdAt: Math.floor(Date.now() / 1000), model, echo }
}

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed'

export type OutputItem = Record<string, unknown>

/** Token counts; the details are 0 where no upstream reports them apart (cached input, reasoning output). */
export function responseUsage (inputTokens: number, outputTokens: number) {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens
  }
}

export interface ResponseOutcome {
  readonly status: ResponseStatus
  readonly output: readonly OutputItem[]
  readonly usage?: ReturnType<typeof responseUsage>
  /** Why an `incomplete` answer stopped: `max_output_tokens`. */
  readonly incompleteReason?: string
  /** A `failed` answer's error, as `response.failed` carries it. */
  readonly error?: { readonly code: string, readonly message: string }
}

export function responseObject (frame: ResponseFrame, outcome: ResponseOutcome): Record<string, unknown> {
  const { echo } = frame
  const finished = outcome.status === 'completed' || outcome.status === 'incomplete'
  return {
    id: frame.id,
    object: 'response',
    created_at: frame.createdAt,
    status: outcome.status,
    background: false,
    completed_at: finished ? Math.floor(Date.now() / 1000) : null,
    error: outcome.error ?? null,
    incomplete_details: outcome.incompleteReason === undefined ? null : { reason: outcome.incompleteReason },
    instructions: echo.instructions,
    max_output_tokens: echo.maxOutputTokens,
    max_tool_calls: null,
    model: frame.model,
    output: outcome.output,
    parallel_tool_calls: echo.parallelToolCalls,
    previous_response_id: null,
    prompt_cache_key: echo.promptCacheKey,
    reasoning: echo.reasoning,
    safety_identifier: null,
    service_tier: 'default',
    store: false,
    temperature: echo.temperature,
    text: echo.text,
    tool_choice: echo.toolChoice,
    tools: echo.tools,
    top_logprobs: 0,
    top_p: echo.topP,
    truncation: echo.truncation,
    usage: outcome.usage ?? null,
    user: echo.user,
    metadata: echo.metadata
  }
}
