/**
 * JSON Schema to the OpenAPI subset Gemini accepts in `responseSchema` and function `parameters`:
 * unknown keywords are refused upstream, so only known ones are kept; `type: [x, "null"]` becomes `nullable`.
 * @see https://ai.google.dev/api/caching#Schema (checked 2026-11)
 */

const KEPT = new Set(['type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'minProperties', 'maxProperties', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'required', 'propertyOrdering', 'default'])

export function toGeminiSchema (schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema
  const source = schema as Record<string, unknown>
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(source)) {
    if (KEPT.has(key)) result[key] = value
  }
  if (Array.isArray(source.type)) {
    const types = source.type.filter((type) => type !== 'null')
    result.type = types[0] ?? 'string'
    if (types.length < source.type.length) result.nullable = true
  }
  if (source.const !== undefined) result.enum = [source.const]
  if (source.items !== undefined) result.items = toGeminiSchema(source.items)
  if (Array.isArray(source.anyOf)) result.anyOf = source.anyOf.map(toGeminiSchema)
  if (typeof source.properties === 'object' && source.properties !== null) {
    result.properties = Object.fromEntries(Object.entries(source.properties as Record<string, unknown>).map(([name, value]) => [name, toGeminiSchema(value)]))
  }
  return result
}

/** Function parameters: an object schema without properties is left out, as Gemini refuses empty objects. */
export function toGeminiParameters (parameters: unknown): unknown {
  if (typeof parameters !== 'object' || parameters === null) return undefined
  const properties = (parameters as { properties?: unknown }).properties
  if (typeof properties !== 'object' || properties === null || Object.keys(properties).length === 0) return undefined
  return toGeminiSchema(parameters)
}
