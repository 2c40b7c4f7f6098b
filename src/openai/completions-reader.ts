/** The `/v1/completions` reader: one prompt, as Ollama's compatibility layer hands it to `/api/generate`. */
import type { DialectRequest } from '../core/dialect.js'
import { readOptions } from '../core/ollama-options.js'
import type { OpenAiCompletionRequest } from '../schemas/openai.js'
import { readOpenAiOptions } from './from-openai-chat.js'

/** Never throws: the schema has checked every field. One JSON object unless `stream` is true. */
export function readCompletionsRequest (body: OpenAiCompletionRequest): DialectRequest {
  return {
    model: body.model,
    stream: body.stream === true,
    chat: {
      messages: [{ role: 'user', content: body.prompt }],
      options: readOptions(readOpenAiOptions(body)),
      // Fill-in-the-middle, as /api/generate does: the prompt is the text before the insertion point.
      ...(body.suffix ? { suffix: body.suffix } : {})
    }
  }
}
