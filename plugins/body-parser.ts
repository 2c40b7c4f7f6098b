/** Reads every request body as JSON whatever its Content-Type, as Ollama does (`curl -d` sends a form type). */
import fp from 'fastify-plugin'
import secureJson from 'secure-json-parse'
import { InvalidRequestError, MissingBodyError } from '../src/errors.js'

export default fp(async function bodyParser (fastify) {
  // A POST with no body at all never reaches a parser.
  fastify.addHook('preValidation', async (request) => {
    if (request.body === undefined && (request.method === 'POST' || request.method === 'DELETE')) throw new MissingBodyError()
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
