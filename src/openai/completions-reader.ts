/** The `/v1/completions` reader: one prompt, as Ollama's compatibility layer hands it to `/api/generate`. */
import type { DialectRequest } from '../core/dialect.js'
import { checkTopLogprobs } from '../core/logprobs-request.js'
import { readOptions } from '../core/ollama-options.js'
import type { OpenAiCompletionRequest } from '../schemas/openai.js'
import { readOpenAiOptions } from './from-openai-chat.js'

/**
 * `logprobs` (an integer) above 0 asks for log probabilities with that many most likely tokens, as Ollama's layer
 * reads it (0 or less asks for none); above 20 throws TopLogprobsRangeError (400). One JSON object unless `stream` is true.
 */
export function readCompletionsRequest (body: OpenAiCompletionRequest): DialectRequest {
  const top = typeof body.logprobs === 'number' && body.logprobs > 0 ? body.logprobs : undefined
  checkTopLogprobs(top)
  return {
    model: body.model,
    stream: body.stream === true,
    chat: {
      messages: [{ role: 'user', content: body.prompt }],
      options: readOptions(readOpenAiOptions(body)),
      ...(top === undefined ? {} : { logprobs: { top } }),
      // Fill-in-the-middle, as /api/generate does: the prompt is the text before the insertion point.
      ...(body.suffix ? { suffix: body.suffix } : {})
    }
  }
}
