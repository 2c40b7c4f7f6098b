/** Reads every request body as JSON whatever its Content-Type, as Ollama does (`curl -d` sends a form type). */
import fp from 'fastify-plugin'
import secureJson from 'secure-json-parse'
import { decodedBodyStream, readContentCoding } from '../src/core/content-encoding.js'
import { dropNullOptionals } from '../src/schemas/null-as-absent.js'
import { InvalidRequestError, MissingBodyError, UnsupportedContentEncodingError } from '../src/errors.js'

export default fp(async function bodyParser (fastify) {
  // Compressed bodies (Codex sends zstd) are decoded before parsing; the body limit applies to the decoded bytes.
  // Callback hooks: no promise and no extra microtask per request.
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const header = request.headers['content-encoding']
    const coding = readContentCoding(header)
    if (coding === 'identity' || request.headers['content-length'] === '0' ||
      (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined)) {
      done(null, payload)
      return
    }
    if (coding === undefined) {
      done(new UnsupportedContentEncodingError(String(header)))
      return
    }
    done(null, decodedBodyStream(payload, coding, request.routeOptions.bodyLimit ?? fastify.initialConfig.bodyLimit ?? 1024 * 1024))
  })
  // A POST with no body at all never reaches a parser.
  fastify.addHook('preValidation', (request, _reply, done) => {
    done(request.body === undefined && (request.method === 'POST' || request.method === 'DELETE') ? new MissingBodyError() : undefined)
  })
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = (body as string).trim()
    if (text === '') {
      done(new MissingBodyError(), undefined)
      return
    }
    let parsed: unknown
    try {
      parsed = secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' })
    } catch (error) {
      done(new InvalidRequestError((error as Error).message), undefined)
      return
    }
    // `null` on an optional field is the field left out (src/schemas/null-as-absent.ts); a body without the
    // literal has none, and most bodies are spared the walk along the schema.
    const schema = request.routeOptions.schema?.body
    if (text.includes('null') && typeof schema === 'object' && schema !== null) dropNullOptionals(schema, parsed)
    done(null, parsed)
  })
}, { name: 'body-parser', fastify: '5.x' })
