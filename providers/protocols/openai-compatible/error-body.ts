/** The message inside an OpenAI-family error body, in any of the shapes compatible servers use. */
import { readErrorText } from '../../shared/error-text.js'

/** The message of a parsed OpenAI-family error body (`error.message`, a string `error`, or a top-level `message`); undefined otherwise. */
export function readOpenAiError (body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const record = body as Record<string, unknown>
  const error = record.error
  // OpenAI, DashScope, DeepSeek, Ark: {"error": {"message": ...}}
  if (typeof error === 'object' && error !== null && typeof (error as Record<string, unknown>).message === 'string') {
    return (error as Record<string, unknown>).message as string
  }
  if (typeof error === 'string') return error
  // SiliconFlow {"code", "message"}; older vLLM {"object": "error", "message"}
  if (typeof record.message === 'string') return record.message
  return undefined
}

/**
 * A readable message from an OpenAI-family error response body as read (see readErrorText); never throws.
 * @see https://platform.openai.com/docs/guides/error-codes (checked 2026-11)
 */
export function readOpenAiErrorText (text: string): string | undefined {
  return readErrorText(text, readOpenAiError)
}

/**
 * Client status for the answers OpenAI-compatible servers word their own way: a 400 whose message says the
 * model does not exist (SiliconFlow's code 20012 "Model does not exist", and others) is the unknown model it is, 404.
 */
export function classifyOpenAiError (upstreamStatus: number, message: string): number | undefined {
  if (upstreamStatus === 400 && isOpenAiUnknownModel(upstreamStatus, message)) return 404
  return undefined
}

/**
 * How OpenAI-compatible servers say a model does not exist, as a 400 or a 404: OpenAI and DashScope ("The model `x`
 * does not exist", code `model_not_found`), Ark ("The model or endpoint x does not exist", `InvalidEndpointOrModel`),
 * DeepSeek ("Model Not Exist"), SiliconFlow ("Model does not exist", code 20012).
 */
export function isOpenAiUnknownModel (upstreamStatus: number, message: string): boolean {
  return (upstreamStatus === 400 || upstreamStatus === 404) && UNKNOWN_MODEL_MESSAGE.test(message)
}

const UNKNOWN_MODEL_MESSAGE = /\bmodel\b.*\b(does not exist|not found|not exist)\b|\bmodel_not_found\b|\bInvalidEndpointOrModel\b/i
