import t from 'tap'
import { errors as undiciErrors } from 'undici'
import {
  DeadlineExceededError, InternalServerError, RequestCanceledError, ShuttingDownError, TransportError, UpstreamError
} from '../../src/errors.js'
import { describeTransportError, isInternalFailure, transportErrorFor } from '../../src/upstream/transport-errors.js'

const coded = (code: string) => Object.assign(new Error(`failure ${code}`), { code })

t.test('undici\'s and the socket\'s failures become transport errors, with the failure as cause', async (t) => {
  const table: Array<[unknown, number, string]> = [
    [new undiciErrors.ConnectTimeoutError(), 504, 'upstream connection timed out'],
    [coded('ETIMEDOUT'), 504, 'upstream connection timed out'],
    [new undiciErrors.HeadersTimeoutError(), 504, 'upstream did not start answering in time'],
    [new undiciErrors.BodyTimeoutError(), 504, 'upstream stopped sending data'],
    [new undiciErrors.SocketError('other side closed'), 502, 'upstream connection closed unexpectedly'],
    [coded('ECONNRESET'), 502, 'upstream connection reset'],
    [coded('ECONNREFUSED'), 502, 'upstream refused the connection'],
    [coded('ENOTFOUND'), 502, 'upstream host not found'],
    [coded('EAI_AGAIN'), 502, 'upstream host lookup failed'],
    [coded('EPIPE'), 502, 'upstream request failed'],
    [coded('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 502, 'upstream request failed'],
    [new undiciErrors.InvalidArgumentError('invalid header'), 502, 'upstream request failed']
  ]
  for (const [failure, statusCode, message] of table) {
    const error = transportErrorFor(failure)
    t.ok(error instanceof TransportError, `${message}: a transport error`)
    t.ok(error instanceof UpstreamError, `${message}: one of the provider's failures`)
    t.match(error, { statusCode, message }, message)
    t.equal(error.cause, failure, `${message}: cause kept`)
    t.same(describeTransportError(failure), { statusCode, message })
  }
})

t.test('aborts: the client leaving is 499; our own reasons are answered as they are', async (t) => {
  for (const reason of [new DOMException('This operation was aborted', 'AbortError'), new undiciErrors.RequestAbortedError(), coded('ABORT_ERR')]) {
    const error = transportErrorFor(reason)
    t.ok(error instanceof RequestCanceledError)
    t.match(error, { statusCode: 499, message: 'request canceled' })
    t.notOk(error instanceof UpstreamError, 'the client left: not the provider\'s failure')
  }
  const deadline = new DeadlineExceededError()
  t.equal(transportErrorFor(deadline), deadline)
  t.match(deadline, { statusCode: 504, message: 'upstream did not answer within the request deadline' })
  const shutdown = new ShuttingDownError()
  t.equal(transportErrorFor(shutdown), shutdown)
  t.same(describeTransportError(shutdown), { statusCode: 503, message: 'server is shutting down' })
})

t.test('a bug of ours is never a transport failure', async (t) => {
  let overflow: unknown
  const recurse = (depth: number): number => recurse(depth + 1) + 1
  try { recurse(0) } catch (error) { overflow = error }
  const bugs: unknown[] = [
    overflow,
    new TypeError("Cannot read properties of null (reading 'choices')"),
    Object.assign(new TypeError('The "chunk" argument must be of type string'), { code: 'ERR_INVALID_ARG_TYPE' }),
    new Error('a plain error without a code'),
    'a thrown string',
    null
  ]
  for (const bug of bugs) {
    t.ok(isInternalFailure(bug), String(bug))
    const error = transportErrorFor(bug)
    t.ok(error instanceof InternalServerError, `${String(bug)}: our 500`)
    t.notOk(error instanceof UpstreamError, `${String(bug)}: not the provider's`)
    t.match(error, { statusCode: 500, message: 'internal server error' })
  }
  for (const failure of [coded('ECONNRESET'), new undiciErrors.SocketError('closed'), new DOMException('aborted', 'AbortError'), new ShuttingDownError()]) {
    t.notOk(isInternalFailure(failure), String(failure))
  }
})
