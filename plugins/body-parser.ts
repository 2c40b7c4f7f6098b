/** Reads every request body as JSON whatever its Content-Type, as Ollama does (`curl -d` sends a form type). */
import fp from 'fastify-plugin'
import secureJson from 'secure-json-parse'
import { decodedBodyStream, readContentCoding } from '../src/core/content-encoding.js'
import { dropNullOptionals } from '../src/schemas/null-as-absent.js'
import { InvalidRequestError, MissingBodyError, UnsupportedContentEncodingError } from '../src/errors.js'

export default fp(async function bodyParser (fastify) {
  // Compressed bodies (Codex sends zstd) are decoded before parsing; the body limit applies to the decoded bytes.
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const header = request.headers['content-encoding']
    const coding = readContentCoding(header)
    if (coding === 'identity') return payload
    if (request.headers['content-length'] === '0' || (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined)) return payload
    if (coding === undefined) throw new UnsupportedContentEncodingError(String(header))
    return decodedBodyStream(payload, coding, request.routeOptions.bodyLimit ?? fastify.initialConfig.bodyLimit ?? 1024 * 1024)
  })
  // A POST with no body at all never reaches a parser.
  fastify.addHook('preValidation', async (request) => {
    if (request.body === undefined && (request.method === 'POST' || request.method === 'DELETE')) throw new MissingBodyError()
    // `null` on an optional field is the field left out (src/schemas/null-as-absent.ts).
    const schema = request.routeOptions.schema?.body
    if (typeof schema === 'object' && schema !== null) dropNullOptionals(schema, request.body)
  })
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = (body as string).trim()
    if (text === '') {
      done(new MissingBodyError(), undefined)
      return
    }
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' }))
    } catch (error) {
      done(new InvalidRequestError((error as Error).message), undefined)
    }
  })
}, { name: 'body-parser', fastify: '5.x' })
