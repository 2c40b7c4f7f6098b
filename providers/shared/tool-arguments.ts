/** Tool-call arguments as Ollama carries them (a JSON object), from what an upstream sent: a JSON text or an object. */

/**
 * The arguments object of one whole tool call. `value` is the upstream's JSON text (OpenAI-style
 * `function.arguments`, Anthropic's joined `input_json_delta`s, an older Ollama's string) or an
 * already parsed value (a newer Ollama's object). Blank text is `{}`: a call without arguments.
 * Returns undefined when the value is not a JSON object (malformed text, an array, a number), which
 * callers report as an invalid tool call.
 */
export function readToolArguments (value: unknown): Record<string, unknown> | undefined {
  let parsed = value
  if (typeof value === 'string') {
    if (value.trim() === '') return {}
    try {
      parsed = JSON.parse(value)
    } catch {
      return undefined
    }
  }
  return isObject(parsed) ? parsed : undefined
}

function isObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
