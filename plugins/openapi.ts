/**
 * Shares the `$id` schemas and generates the OpenAPI 3 document from the routes' TypeBox schemas:
 * `/openapi.json`, with an interactive page at `/docs`. The document is the contract clients are
 * generated from (test/openapi/). @see https://github.com/fastify/fastify-swagger
 */
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifySchema } from 'fastify'
import fp from 'fastify-plugin'
import { OPENAPI_TAGS, SHARED_SCHEMAS } from '../src/schemas/index.js'
import { markNullableOptionals } from '../src/schemas/nullable-document.js'

/** A wildcard route's public parameter name: model names hold slashes, so fastify's `*` takes the rest of the path. */
const WILDCARD_NAMES: Readonly<Record<string, string>> = { '/v1/models/*': 'model' }

interface DocumentedSchema extends FastifySchema {
  operationId?: string
  summary?: string
}

/** A wildcard parameter under its public name. */
function namedWildcard (url: string, schema: DocumentedSchema): { url: string, schema: DocumentedSchema } {
  const name = WILDCARD_NAMES[url]
  if (name === undefined) return { url, schema }
  const params = schema.params as { properties?: Record<string, unknown> } | undefined
  return {
    url: url.replace('*', `{${name}}`),
    schema: { ...schema, params: { type: 'object', properties: { [name]: params?.properties?.['*'] ?? { type: 'string' } }, required: [name] } }
  }
}

interface RuntimeAnswer {
  content?: Record<string, unknown>
  'x-streamed'?: Record<string, unknown>
  'x-statuses'?: Record<string, unknown>
}

/**
 * What fastify compiles, shown as the document means it (src/schemas/answer-schemas.ts): each status
 * range (`4xx`, `5xx`, one serializer each) as the statuses it lists, and a streamed item beside the JSON.
 */
function documentedAnswers (schema: DocumentedSchema): DocumentedSchema {
  if (schema.response === undefined) return schema
  const response: Record<string, unknown> = {}
  for (const [status, answer] of Object.entries(schema.response as Record<string, RuntimeAnswer>)) {
    if (answer['x-statuses'] !== undefined) {
      Object.assign(response, answer['x-statuses'])
    } else if (answer['x-streamed'] !== undefined) {
      const { 'x-streamed': streamed, ...rest } = answer
      response[status] = { ...rest, content: { ...answer.content, ...streamed } }
    } else {
      response[status] = answer
    }
  }
  return { ...schema, response }
}

/** The HEAD twin of a GET route (Fastify adds one to each): the same statuses and headers, no body. */
function headersOnly (schema: DocumentedSchema): DocumentedSchema {
  const response: Record<string, unknown> = {}
  for (const [status, answer] of Object.entries((schema.response ?? {}) as Record<string, { description?: string, headers?: unknown }>)) {
    response[status] = { description: answer.description ?? 'No body', ...(answer.headers === undefined ? {} : { headers: answer.headers }), type: 'null' }
  }
  return {
    ...schema,
    // Swagger suffixes the twin's id with `-head`; camelCase keeps generated method names readable.
    ...(schema.operationId === undefined ? {} : { operationId: schema.operationId.replace(/-head$/, 'Head') }),
    ...(schema.summary === undefined ? {} : { summary: `${schema.summary} (headers only)` }),
    response
  }
}

export default fp(async function openapi (fastify) {
  for (const schema of SHARED_SCHEMAS) fastify.addSchema(schema)
  await fastify.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'ollama-adapter',
        description: 'The Ollama REST API and Ollama\'s OpenAI-compatible `/v1` endpoints, answered by cloud model providers. ' +
          'Every path also answers 403 with an empty body to a request whose Origin is not in OLLAMA_ORIGINS, ' +
          'or, on a loopback listener, whose Host names a domain outside ALLOWED_HOSTS, ' +
          'and an unknown path or method gets a text/plain 404 or 405, as Ollama does.',
        version: fastify.config.OLLAMA_VERSION
      },
      tags: OPENAPI_TAGS,
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'One of API_KEYS, when it is set' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'One of API_KEYS, when it is set' },
          metricsBearer: { type: 'http', scheme: 'bearer', description: 'METRICS_API_KEY, when it is set: then only it opens /metrics' }
        }
      },
      // Without API_KEYS no key is needed: the empty requirement says a key is optional.
      security: [{ bearer: [] }, { apiKey: [] }, {}]
    },
    exposeHeadRoutes: true,
    // `null` on an optional request field means "not set" (src/schemas/null-as-absent.ts): the document says so.
    transformObject: (documentObject) => 'openapiObject' in documentObject ? markNullableOptionals(documentObject.openapiObject) : documentObject.swaggerObject,
    transform: ({ schema, url, route }) => {
      const named = namedWildcard(url, documentedAnswers(schema ?? {}))
      return route.method === 'HEAD' ? { url: named.url, schema: headersOnly(named.schema) } : named
    },
    // Keep each schema's $id as its component name, so generated clients get readable types.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`) }
  })
  await fastify.register(fastifySwaggerUi, { routePrefix: '/docs' })
  fastify.get('/openapi.json', { schema: { hide: true } }, async () => fastify.swagger())
}, { name: 'openapi', fastify: '5.x', dependencies: ['config'] })
