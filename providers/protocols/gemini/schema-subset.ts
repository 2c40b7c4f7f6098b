/**
 * JSON Schema to the OpenAPI subset Gemini accepts in `responseSchema` and function `parameters`:
 * unknown keywords are refused upstream, so only known ones are kept; `type: [x, "null"]` becomes `nullable`.
 * Gemini has no `$ref`/`$defs`: references are inlined first (fastify's json-schema-ref-resolver), and a schema that
 * cannot be inlined (recursive, a reference to nothing, or too large once inlined) is a 400 naming the problem.
 * @see https://ai.google.dev/api/caching#Schema (checked 2026-11)
 */
import { RefResolver } from 'json-schema-ref-resolver'
import { MAX_STRUCTURE_VALUES } from '../../../src/core/structure-bounds.js'
import { InvalidRequestError } from '../../../src/errors.js'

const KEPT = new Set(['type', 'format', 'title', 'description', 'nullable', 'enum', 'maxItems', 'minItems', 'minProperties', 'maxProperties', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'required', 'propertyOrdering', 'default'])

/**
 * The client's JSON schema (`name` says which, for errors) as Gemini's subset, references inlined.
 * Throws InvalidRequestError (400) for a schema whose references cannot be inlined.
 */
export function toGeminiSchema (schema: unknown, name: string): unknown {
  return subset(inlineReferences(schema, name))
}

function subset (schema: unknown): unknown {
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
  if (source.items !== undefined) result.items = subset(source.items)
  if (Array.isArray(source.anyOf)) result.anyOf = source.anyOf.map(subset)
  if (typeof source.properties === 'object' && source.properties !== null) {
    result.properties = Object.fromEntries(Object.entries(source.properties as Record<string, unknown>).map(([name, value]) => [name, subset(value)]))
  }
  return result
}

/** Function parameters: an object schema without properties is left out, as Gemini refuses empty objects. */
export function toGeminiParameters (parameters: unknown, name: string): unknown {
  if (typeof parameters !== 'object' || parameters === null) return undefined
  const properties = (parameters as { properties?: unknown }).properties
  if (typeof properties !== 'object' || properties === null || Object.keys(properties).length === 0) return undefined
  return toGeminiSchema(parameters, name)
}

/**
 * `schema` with every `$ref` replaced by what it refers to (local `#/$defs/…`, `#/definitions/…`, `#`); the schema
 * itself when it has none. Throws InvalidRequestError for a recursive schema (it would inline forever), a reference
 * that resolves to nothing (external ones included: nothing is fetched), or one past MAX_STRUCTURE_VALUES inlined.
 */
export function inlineReferences (schema: unknown, name: string): unknown {
  if (!hasReference(schema)) return schema
  const resolver = new RefResolver()
  let inlined: unknown
  try {
    resolver.addSchema(structuredClone(schema), 'client-schema')
    inlined = resolver.getDerefSchema('client-schema')
  } catch (error) {
    throw new InvalidRequestError(`${name}: ${(error as Error).message}; Gemini takes no $ref, so every reference must be inlined`)
  }
  checkInlined(inlined, name)
  return inlined
}

function hasReference (schema: unknown): boolean {
  const pending: unknown[] = [schema]
  while (pending.length > 0) {
    const node = pending.pop()
    if (typeof node !== 'object' || node === null) continue
    if (!Array.isArray(node) && typeof (node as Record<string, unknown>).$ref === 'string') return true
    pending.push(...(Array.isArray(node) ? node : Object.values(node)))
  }
  return false
}

/** Throws when the inlined schema loops back on itself (a recursive schema) or has grown past the bound. */
function checkInlined (inlined: unknown, name: string): void {
  const ancestors = new Set<object>()
  let values = 0
  // Depth first, without recursion: an `exit` entry takes its node off the ancestor path.
  const pending: Array<{ node: unknown, exit: boolean }> = [{ node: inlined, exit: false }]
  while (pending.length > 0) {
    const { node, exit } = pending.pop() as { node: unknown, exit: boolean }
    if (typeof node !== 'object' || node === null) continue
    if (exit) {
      ancestors.delete(node)
      continue
    }
    if (ancestors.has(node)) throw new InvalidRequestError(`${name} is recursive (a $ref refers to a schema that contains it): Gemini takes no $ref, and a recursive schema cannot be inlined`)
    const children = Array.isArray(node) ? node : Object.values(node)
    values += children.length
    if (values > MAX_STRUCTURE_VALUES) throw new InvalidRequestError(`${name} holds more than ${MAX_STRUCTURE_VALUES} values once its references are inlined`)
    ancestors.add(node)
    pending.push({ node, exit: true })
    for (const child of children) pending.push({ node: child, exit: false })
  }
}
