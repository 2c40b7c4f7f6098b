/**
 * Checks a real answer against the served OpenAPI document with Ajv: its status is declared for the
 * operation, its headers too, and its body matches the declared schema for its content type (the
 * JSON body, each NDJSON line, each SSE frame's data, the plain text), or is empty when none is declared.
 */
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'

/** The parts of the document the checks read. */
export interface OpenApiDocument {
  openapi: string
  tags: Array<{ name: string }>
  paths: Record<string, Record<string, DocumentedOperation>>
}

export interface DocumentedOperation {
  operationId?: string
  tags?: string[]
  security?: unknown[]
  responses: Record<string, DocumentedResponse>
}

export interface DocumentedResponse {
  description: string
  headers?: Record<string, unknown>
  content?: Record<string, { schema: unknown }>
}

/** An answer as the app sent it: inject's and undici's responses both fit. */
export interface RealAnswer {
  statusCode: number
  headers: Record<string, string | string[] | number | undefined>
  body: string
}

const DOCUMENT_ID = 'openapi.json'

const pointer = (...segments: string[]): string =>
  segments.map((segment) => '/' + encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'))).join('')

export class DocumentChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: true })

  constructor (readonly document: OpenApiDocument) {
    // CommonJS: under NodeNext the default import is module.exports, which carries the plugin as `default`.
    addFormats.default(this.ajv)
    this.ajv.addSchema(document, DOCUMENT_ID)
  }

  /** What differs between `answer` and what the document declares for `method path`; [] when nothing does. */
  check (method: string, path: string, answer: RealAnswer): string[] {
    const operation = this.document.paths[path]?.[method.toLowerCase()]
    if (operation === undefined) return [`${method} ${path} is not in the document`]
    const where = `${method} ${path} ${answer.statusCode}`
    const declared = operation.responses[String(answer.statusCode)]
    if (declared === undefined) return [`${where}: status not declared`]
    const problems: string[] = []
    if (answer.headers['retry-after'] !== undefined && declared.headers?.['retry-after'] === undefined) problems.push(`${where}: Retry-After not declared`)
    const mediaType = String(answer.headers['content-type'] ?? '').split(';')[0]?.trim() ?? ''
    if (declared.content === undefined) {
      if (answer.body !== '') problems.push(`${where}: a body where none is declared`)
      return problems
    }
    if (declared.content[mediaType] === undefined) return [...problems, `${where}: content type ${mediaType} not declared`]
    const validate = this.ajv.getSchema(DOCUMENT_ID + '#' + pointer('paths', path, method.toLowerCase(), 'responses', String(answer.statusCode), 'content', mediaType, 'schema'))
    if (validate === undefined) return [...problems, `${where}: no schema for ${mediaType}`]
    for (const [index, item] of itemsOf(mediaType, answer.body).entries()) {
      if (!validate(item)) problems.push(`${where} ${mediaType} item ${index}: ${this.ajv.errorsText(validate.errors)} in ${JSON.stringify(item)}`)
    }
    return problems
  }
}

/** The values a body carries: one JSON value, one per NDJSON line or SSE frame, or the text itself. */
function itemsOf (mediaType: string, body: string): unknown[] {
  if (mediaType === 'application/json') return [JSON.parse(body)]
  if (mediaType === 'application/x-ndjson') return body.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line))
  if (mediaType === 'text/event-stream') {
    return body.split('\n\n').filter((frame) => frame !== '').map((frame) => {
      // `event:` and `id:` lines (Anthropic's and the Responses API's frames) name the frame; `data:` carries it.
      const lines = frame.split('\n').filter((line) => line.startsWith('data:'))
      if (lines.length === 0) return { notADataFrame: frame }
      const data = lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n')
      // OpenAI's `[DONE]` is not JSON: it is checked as the string it is.
      try {
        return JSON.parse(data)
      } catch {
        return data
      }
    })
  }
  return [body]
}
