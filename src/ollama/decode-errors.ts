/**
 * Ollama's own words for a request field of the wrong type. Go decodes `think` and `keep_alive` with hand-written
 * decoders whose messages clients see (api/types.go `ThinkValue.UnmarshalJSON`, `Duration.UnmarshalJSON`), and takes
 * `format` as raw JSON that the runner refuses later (llm/llama_server.go); the schema validator's wording for these
 * fields is replaced by theirs. `options` are checked in src/core/ollama-options.ts.
 */
import type { FastifySchemaValidationError } from 'fastify'
import { InvalidFormatError, KeepAliveTypeError, ThinkTypeError } from '../errors.js'

/**
 * Go's name for the dynamic type a JSON value decodes to as `any` (`reflect.TypeOf(v)` printed with `%s`):
 * `bool`, `float64`, `string`, `[]interface {}`, `map[string]interface {}`.
 */
export function goTypeName (value: unknown): string {
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return 'float64'
  if (typeof value === 'string') return 'string'
  if (Array.isArray(value)) return '[]interface {}'
  return 'map[string]interface {}'
}

/** A `format` the runner refuses, quoted as Go's `%q` quotes its raw JSON (InvalidFormatError, 500). */
export function invalidFormat (value: unknown): InstanceType<typeof InvalidFormatError> {
  return new InvalidFormatError(JSON.stringify(JSON.stringify(value)))
}

/**
 * The catalogue error Ollama would answer for the first schema error that falls on a field Ollama decodes itself,
 * or undefined to keep the validator's words. `body` is the parsed request body the errors were found in.
 */
export function ollamaDecodeError (errors: readonly FastifySchemaValidationError[], body: unknown): Error | undefined {
  const fields = body !== null && typeof body === 'object' ? body as Record<string, unknown> : {}
  for (const error of errors) {
    switch (/^\/([a-z_]+)$/.exec(error.instancePath)?.[1]) {
      case 'think': return new ThinkTypeError()
      case 'keep_alive': return new KeepAliveTypeError(goTypeName(fields.keep_alive))
      case 'format': return invalidFormat(fields.format)
    }
  }
  return undefined
}
