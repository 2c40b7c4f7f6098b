/**
 * The OpenAPI document says what src/schemas/null-as-absent.ts does: every optional field of a request body is
 * `nullable` (OpenAPI 3.0's keyword), since `null` there means "not set". Answer schemas are left as they are.
 */

type Node = Record<string, unknown>

interface OpenApiDocument {
  paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Node }> } } | undefined> | undefined>
  components?: { schemas?: Record<string, Node> }
}

const COMPONENT_PREFIX = '#/components/schemas/'

/**
 * Marks, in place, every optional property reachable from a request body (through component references, items,
 * anyOf/oneOf/allOf) as `nullable: true`; a referenced one becomes `{allOf: [ref], nullable: true}`, as OpenAPI
 * 3.0 ignores siblings of `$ref`. Each component is marked once.
 * @returns the same document
 */
export function markNullableOptionals<T extends object> (document: T): T {
  const openapi = document as OpenApiDocument
  const components = openapi.components?.schemas ?? {}
  const seen = new Set<Node>()
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node as Node)) return
    const schema = node as Node
    seen.add(schema)
    const ref = schema.$ref
    if (typeof ref === 'string' && ref.startsWith(COMPONENT_PREFIX)) visit(components[ref.slice(COMPONENT_PREFIX.length)])
    const properties = schema.properties as Record<string, Node> | undefined
    if (properties !== undefined && typeof properties === 'object') {
      const required = Array.isArray(schema.required) ? schema.required as string[] : []
      for (const [key, property] of Object.entries(properties)) {
        visit(property)
        if (required.includes(key) || typeof property !== 'object' || property === null) continue
        if (typeof property.$ref === 'string') properties[key] = { allOf: [property], nullable: true }
        else property.nullable = true
      }
    }
    visit(schema.items)
    for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
      const variants = schema[keyword]
      if (Array.isArray(variants)) for (const variant of variants) visit(variant)
    }
  }
  for (const operations of Object.values(openapi.paths ?? {})) {
    for (const operation of Object.values(operations ?? {})) {
      for (const media of Object.values(operation?.requestBody?.content ?? {})) visit(media.schema)
    }
  }
  return document
}
