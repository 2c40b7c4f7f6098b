/**
 * `null` on an optional field means "not set", as Ollama's Go JSON decoding treats it (a null leaves a
 * field at its zero value), and as the OpenAI and Anthropic APIs accept it. Zed, for one, sends
 * `"thinking": null` on every earlier assistant message.
 *
 * One step before validation (plugins/body-parser.ts) removes every `null` the route's body schema
 * declares optional, at any depth the schema describes (messages, tools, options, …), so validation and
 * the readers see exactly the request without the field. A `null` on a required field, or inside a value
 * the schema leaves open (tool arguments, JSON schemas), is left as sent.
 */
import type { TSchema } from '@sinclair/typebox'
import { SHARED_SCHEMAS } from './index.js'

interface SchemaNode {
  $id?: string
  $ref?: string
  type?: string | string[]
  properties?: Record<string, SchemaNode>
  required?: string[]
  items?: SchemaNode
  anyOf?: SchemaNode[]
}

let sharedById: Map<string, SchemaNode> | undefined

function resolve (schema: SchemaNode): SchemaNode | undefined {
  if (schema.$ref === undefined) return schema
  sharedById ??= new Map(SHARED_SCHEMAS.map((shared) => [String(shared.$id), shared as SchemaNode]))
  return sharedById.get(schema.$ref)
}

/** The variants of a schema that describe `value`'s kind (an object or an array). */
function variantsFor (schema: SchemaNode, isArray: boolean): SchemaNode[] {
  const resolved = resolve(schema)
  if (resolved === undefined) return []
  if (resolved.anyOf !== undefined) return resolved.anyOf.flatMap((variant) => variantsFor(variant, isArray))
  return (isArray ? resolved.items !== undefined : resolved.properties !== undefined) ? [resolved] : []
}

/**
 * Removes, in place, every `null` that `schema` declares optional in `value`, depth first.
 * @param schema a TypeBox schema, possibly a `Type.Ref` to one of SHARED_SCHEMAS
 * @param value a parsed JSON body (anything: non-objects are left alone)
 */
export function dropNullOptionals (schema: TSchema | SchemaNode, value: unknown): void {
  if (typeof value !== 'object' || value === null) return
  if (Array.isArray(value)) {
    for (const variant of variantsFor(schema as SchemaNode, true)) {
      for (const item of value) dropNullOptionals(variant.items as SchemaNode, item)
    }
    return
  }
  const object = value as Record<string, unknown>
  for (const variant of variantsFor(schema as SchemaNode, false)) {
    const required = variant.required ?? []
    for (const [key, property] of Object.entries(variant.properties ?? {})) {
      if (!Object.hasOwn(object, key)) continue
      if (object[key] === null) {
        if (!required.includes(key)) Reflect.deleteProperty(object, key)
      } else {
        dropNullOptionals(property, object[key])
      }
    }
  }
}

/**
 * Every optional field `schema` declares, as paths (`messages[].thinking`, `options.stop`): the fields whose `null`
 * `dropNullOptionals` removes (test/routes/null-as-absent.test.ts sends `null` for each).
 */
export function optionalFieldPaths (schema: TSchema | SchemaNode, prefix = '', seen: ReadonlySet<SchemaNode> = new Set()): string[] {
  const paths: string[] = []
  const resolved = resolve(schema as SchemaNode)
  if (resolved === undefined || seen.has(resolved)) return paths
  const inner = new Set(seen).add(resolved)
  for (const variant of variantsFor(resolved, true)) paths.push(...optionalFieldPaths(variant.items as SchemaNode, `${prefix}[]`, inner))
  for (const variant of variantsFor(resolved, false)) {
    const required = variant.required ?? []
    for (const [key, property] of Object.entries(variant.properties ?? {})) {
      const path = prefix === '' ? key : `${prefix}.${key}`
      if (!required.includes(key)) paths.push(path)
      paths.push(...optionalFieldPaths(property, path, inner))
    }
  }
  return paths
}
