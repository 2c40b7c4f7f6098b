/**
 * Fill-in-the-middle (Ollama generate with `suffix`) as a streamed legacy completions request.
 * @see https://api-docs.deepseek.com/api/create-completion (DeepSeek, beta base, checked 2026-11)
 * @see https://docs.siliconflow.com/en/userguide/guides/fim (SiliconFlow, prompt + suffix)
 * @see https://www.alibabacloud.com/help/en/model-studio/completions (DashScope, Qwen FIM tokens)
 */
import type { NormalisedChatRequest } from '../../../src/core/chat-request.js'
import type { UpstreamHttpRequest } from '../../../src/core/protocol.js'
import type { OpenAiCompatibleContext } from './quirks.js'
import { applySampling } from './sampling.js'
import type { OpenAiCompletionRequest } from './wire-types.js'

/** The streamed legacy-completions body for fill-in-the-middle: the last user message as prompt, the suffix as the provider's quirks say. */
export function toOpenAiCompletionRequest (request: NormalisedChatRequest, context: OpenAiCompatibleContext): OpenAiCompletionRequest {
  const { quirks } = context.descriptor
  // The prompt is the text before the insertion point; a system prompt has no place in a completion.
  const prefix = request.messages.findLast((message) => message.role === 'user')?.content ?? ''
  const suffix = request.suffix ?? ''
  const body: OpenAiCompletionRequest = quirks.fillInMiddlePrompt === 'qwen-fim-tokens'
    ? { model: context.card.id, prompt: `<|fim_prefix|>${prefix}<|fim_suffix|>${suffix}<|fim_middle|>`, stream: true }
    : { model: context.card.id, prompt: prefix, ...(suffix === '' ? {} : { suffix }), stream: true }
  if (quirks.streamUsageOption) body.stream_options = { include_usage: true }
  applySampling(body, request.options, context, 'completion')
  if (request.logprobs !== undefined) body.logprobs = request.logprobs.top
  return body
}

/** That body and its path (`quirks.fillInMiddlePath`, default `/completions`, appended to the base URL). */
export function buildCompletionRequest (request: NormalisedChatRequest, context: OpenAiCompatibleContext): UpstreamHttpRequest {
  return { path: context.descriptor.quirks.fillInMiddlePath ?? '/completions', body: toOpenAiCompletionRequest(request, context) }
}
