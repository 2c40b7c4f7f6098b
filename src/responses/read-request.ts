/**
 * The Responses dialect's reader: a `/v1/responses` body to a DialectRequest, plus the settings every
 * answer echoes. Refusals come first and in OpenAI's shape (400 invalid_request_error), before any
 * model lookup, as Ollama's middleware converts the body before its handler runs.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
import type { ChatMessage, NormalisedChatRequest, ToolDefinition } from '../core/chat-request.js'
import type { DialectRequest } from '../core/dialect.js'
import { InvalidRequestError } from '../errors.js'
import { readOptions } from '../core/ollama-options.js'
import { readOpenAiOptions, readReasoningEffort } from '../openai/from-openai-chat.js'
import type { ResponsesRequestBody } from '../schemas/responses.js'
import { readInputItems } from './read-input.js'

/** A function tool as the answer echoes it (OpenAI's shape; absent fields null). */
export interface EchoedTool {
  readonly type: 'function'
  readonly name: string
  readonly description: string | null
  readonly parameters: unknown
  readonly strict: boolean | null
}

/** Request settings the response object repeats back, with OpenAI's defaults where the client sent none. */
export interface ResponseEcho {
  readonly instructions: string | null
  readonly tools: readonly EchoedTool[]
  readonly toolChoice: unknown
  readonly parallelToolCalls: boolean
  readonly reasoning: { readonly effort: string | null, readonly summary: string | null }
  readonly temperature: number
  readonly topP: number
  readonly maxOutputTokens: number | null
  readonly text: { readonly format: Readonly<Record<string, unknown>>, readonly verbosity: string }
  readonly truncation: string
  readonly metadata: Readonly<Record<string, string>>
  readonly promptCacheKey: string | null
  readonly user: string | null
}

export interface ResponsesDialectRequest extends DialectRequest {
  readonly echo: ResponseEcho
}

const STATELESS = 'this server is stateless and stores no responses: send the whole conversation in input'

/** Throws InvalidRequestError (400) for stateful features, built-in tools and malformed input. */
export function readResponsesRequest (body: ResponsesRequestBody): ResponsesDialectRequest {
  if (typeof body.previous_response_id === 'string' && body.previous_response_id !== '') {
    throw new InvalidRequestError(`previous_response_id is not supported: ${STATELESS}`)
  }
  if (body.conversation !== undefined && body.conversation !== null) throw new InvalidRequestError(`conversation is not supported: ${STATELESS}`)
  if (body.background === true) throw new InvalidRequestError(`background responses are not supported: ${STATELESS}`)
  const tools = readTools(body.tools)
  const messages: ChatMessage[] = []
  const instructions = typeof body.instructions === 'string' && body.instructions !== '' ? body.instructions : null
  if (instructions !== null) messages.push({ role: 'system', content: instructions })
  if (body.input === undefined) throw new InvalidRequestError("Missing required parameter: 'input'.")
  if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input })
  else messages.push(...readInputItems(body.input))
  const think = readReasoningEffort(body.reasoning?.effort)
  const format = readTextFormat(body.text?.format)
  const chat: NormalisedChatRequest = {
    messages,
    // Ollama's option names (temperature, top_p, num_predict), kept in `ollamaOptions` for admission's preset merge.
    options: readOptions(readOpenAiOptions({ temperature: body.temperature, top_p: body.top_p, max_tokens: body.max_output_tokens })),
    ...(tools.length > 0 ? { tools: tools.map(toToolDefinition) } : {}),
    ...(think === undefined ? {} : { think }),
    ...(format === undefined ? {} : { format })
  }
  return {
    model: body.model,
    chat,
    stream: body.stream === true,
    echo: {
      instructions,
      tools,
      toolChoice: body.tool_choice ?? 'auto',
      parallelToolCalls: body.parallel_tool_calls ?? true,
      reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? body.reasoning?.generate_summary ?? null },
      temperature: body.temperature ?? 1,
      topP: body.top_p ?? 1,
      maxOutputTokens: body.max_output_tokens ?? null,
      text: { format: body.text?.format ?? { type: 'text' }, verbosity: body.text?.verbosity ?? 'medium' },
      truncation: body.truncation ?? 'disabled',
      metadata: body.metadata ?? {},
      promptCacheKey: body.prompt_cache_key ?? null,
      user: body.user ?? null
    }
  }
}

/**
 * Flat function tools only. Built-in tools (web_search, file_search, code_interpreter, custom,
 * namespace...) run on OpenAI's side; this server cannot run them, so they are refused by name.
 */
function readTools (tools: ResponsesRequestBody['tools']): EchoedTool[] {
  return (tools ?? []).map((tool, index) => {
    const fields = tool as Record<string, unknown>
    if (fields.type !== 'function') {
      const hint = fields.type === 'web_search' || fields.type === 'web_search_preview' ? ' (Codex: set web_search = "disabled")' : ''
      throw new InvalidRequestError(`tools[${index}]: tool type '${String(fields.type)}' is not supported: this server runs no built-in tools, only type 'function'${hint}`)
    }
    if (typeof fields.name !== 'string' || fields.name === '') throw new InvalidRequestError(`tools[${index}].name must be a non-empty string`)
    return {
      type: 'function',
      name: fields.name,
      description: typeof fields.description === 'string' ? fields.description : null,
      parameters: fields.parameters ?? null,
      strict: typeof fields.strict === 'boolean' ? fields.strict : null
    }
  })
}

function toToolDefinition (tool: EchoedTool): ToolDefinition {
  return {
    name: tool.name,
    ...(tool.description === null ? {} : { description: tool.description }),
    ...(tool.parameters === null ? {} : { parameters: tool.parameters })
  }
}

/** `json_schema` (its schema) and `json_object` become structured output; `text` is the default. */
function readTextFormat (format: { type: string, [key: string]: unknown } | null | undefined): 'json' | Record<string, unknown> | undefined {
  if (format === undefined || format === null || format.type === 'text') return undefined
  if (format.type === 'json_object') return 'json'
  if (format.type === 'json_schema') {
    const schema = format.schema
    if (schema === undefined || schema === null) return 'json'
    if (typeof schema !== 'object' || Array.isArray(schema)) throw new InvalidRequestError('text.format.schema must be a JSON schema object')
    return schema as Record<string, unknown>
  }
  throw new InvalidRequestError(`text.format.type '${format.type}' is not supported (must be 'text', 'json_object' or 'json_schema')`)
}
