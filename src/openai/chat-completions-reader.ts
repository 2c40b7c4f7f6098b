/**
 * The `/v1/chat/completions` reader. Ollama's compatibility layer converts the whole body before it looks the model
 * up, so every reading error comes first: messages, then the reasoning effort, then the response format.
 */
import type { DialectRequest } from '../core/dialect.js'
import { checkTopLogprobs, readLogprobsRequest } from '../core/logprobs-request.js'
import { readOptions } from '../core/ollama-options.js'
import type { OpenAiChatRequest } from '../schemas/openai.js'
import { readOpenAiMessages, readOpenAiOptions, readOpenAiTools, readReasoningEffort, readResponseFormat } from './from-openai-chat.js'

/**
 * Throws InvalidRequestError (400) with Ollama's `/v1` wording, then TopLogprobsRangeError (400) for `top_logprobs`
 * outside 0–20 (the chat handler's first check, after the conversion). One JSON object unless `stream` is true.
 */
export function readChatCompletionsRequest (body: OpenAiChatRequest): DialectRequest {
  const messages = readOpenAiMessages(body.messages)
  const think = readReasoningEffort(body.reasoning_effort ?? body.reasoning?.effort)
  const format = readResponseFormat(body.response_format)
  const tools = readOpenAiTools(body.tools)
  checkTopLogprobs(body.top_logprobs)
  const logprobs = readLogprobsRequest(body.logprobs, body.top_logprobs)
  return {
    model: body.model,
    stream: body.stream === true,
    chat: {
      messages,
      options: readOptions(readOpenAiOptions(body)),
      ...(logprobs === undefined ? {} : { logprobs }),
      ...(tools.length > 0 ? { tools } : {}),
      ...(think === undefined ? {} : { think }),
      ...(format === undefined ? {} : { format })
    }
  }
}
