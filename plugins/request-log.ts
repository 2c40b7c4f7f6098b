/** One log line per request with model, provider, status, duration and token counts. */
import fp from 'fastify-plugin'

export default fp(async function requestLog (fastify) {
  fastify.addHook('onResponse', (request, reply, done) => {
    const answer = request.answerLog
    request.log.info({
      method: request.method,
      url: request.url.split('?')[0],
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      ...(answer === null
        ? {}
        : { model: answer.model, provider: answer.provider, promptTokens: answer.metrics.promptTokens, completionTokens: answer.metrics.completionTokens })
    }, 'request completed')
    done()
  })
}, { name: 'request-log', fastify: '5.x', dependencies: ['translation'] })
