/**
 * OpenAI chat-completions wire shapes, loose where providers differ.
 * @see https://platform.openai.com/docs/api-reference/chat
 */

export type OpenAiContentPart =
  | { type: 'text', text: string }
  | { type: 'image_url', image_url: { url: string } }

export interface OpenAiToolCall {
  id: string
  type: 'function'
  function: { name: string, arguments: string }
}

export interface OpenAiMessage {
  role: 'system' | 'user' | 'assistant' | 'tool'
  content: string | OpenAiContentPart[] | null
  tool_calls?: OpenAiToolCall[]
  tool_call_id?: string
  /** Reasoning sent back in history (DeepSeek, Moonshot and others require it on tool turns). */
  reasoning_content?: string
}

/** Sampling fields; each provider accepts a subset (see `applySampling`). */
export interface OpenAiSamplingFields {
  temperature?: number
  top_p?: number
  top_k?: number
  min_p?: number
  repetition_penalty?: number
  max_tokens?: number
  max_completion_tokens?: number
  stop?: string[]
  seed?: number
  presence_penalty?: number
  frequency_penalty?: number
}

export interface OpenAiChatRequest extends OpenAiSamplingFields {
  model: string
  messages: OpenAiMessage[]
  stream: true
  stream_options?: { include_usage: boolean }
  tools?: Array<{ type: 'function', function: { name: string, description?: string, parameters?: unknown } }>
  response_format?: { type: 'json_object' } | { type: 'json_schema', json_schema: { name: string, schema: unknown } }
  reasoning_effort?: string
  enable_thinking?: boolean
  thinking_budget?: number
  thinking?: { type: 'enabled' | 'disabled' }
  logprobs?: boolean
  top_logprobs?: number
}

/** The legacy completions body, used for fill-in-the-middle. */
export interface OpenAiCompletionRequest extends OpenAiSamplingFields {
  model: string
  prompt: string
  suffix?: string
  stream: true
  stream_options?: { include_usage: boolean }
  /** The legacy API's integer: the sampled token's log probability and this many most likely ones. */
  logprobs?: number
}

export interface OpenAiToolCallDelta {
  index?: number | null
  id?: string | null
  function?: { name?: string | null, arguments?: string | null }
}

export interface OpenAiStreamChunk {
  choices?: Array<{
    delta?: {
      content?: string | null
      reasoning_content?: string | null
      reasoning?: string | null
      tool_calls?: OpenAiToolCallDelta[] | null
    }
    /** Legacy completions stream the text here instead of in `delta`. */
    text?: string | null
    finish_reason?: string | null
    /** Chat: `content` (one entry per token); legacy completions: parallel `tokens`, `token_logprobs`, `top_logprobs` lists. */
    logprobs?: OpenAiChoiceLogprobs | OpenAiLegacyLogprobs | null
  }>
  usage?: { prompt_tokens?: number, completion_tokens?: number } | null
  error?: { message?: string } | string
}

export interface OpenAiTokenLogprob {
  token?: string
  logprob?: number
  bytes?: number[] | null
}

/** A chat chunk's `choices[].logprobs`. */
export interface OpenAiChoiceLogprobs {
  content?: Array<OpenAiTokenLogprob & { top_logprobs?: OpenAiTokenLogprob[] | null }> | null
}

/** A legacy completion's `choices[].logprobs`: one entry per token in each list, alternatives as `{token: logprob}`. */
export interface OpenAiLegacyLogprobs {
  tokens?: string[]
  token_logprobs?: Array<number | null>
  top_logprobs?: Array<Record<string, number> | null> | null
}
