/**
 * A failed upstream call without an answer, as the catalogue's error for it: undici's and the socket's codes
 * to transport errors (after @fastify/reply-from's table), our own abort reasons as they are, and a bug of
 * ours never mistaken for the provider's failure.
 */
import {
  AdapterError, InternalServerError, RequestCanceledError, UpstreamBodyTimeoutError, UpstreamConnectionRefusedError,
  UpstreamConnectionResetError, UpstreamConnectTimeoutError, UpstreamHeadersTimeoutError, UpstreamHostLookupError,
  UpstreamHostNotFoundError, UpstreamRequestFailedError, UpstreamSocketClosedError, type CatalogueEntry, type TransportError
} from '../errors.js'

const TRANSPORT_ERRORS: Readonly<Record<string, CatalogueEntry<TransportError, []>>> = {
  UND_ERR_CONNECT_TIMEOUT: UpstreamConnectTimeoutError,
  ETIMEDOUT: UpstreamConnectTimeoutError,
  UND_ERR_HEADERS_TIMEOUT: UpstreamHeadersTimeoutError,
  UND_ERR_BODY_TIMEOUT: UpstreamBodyTimeoutError,
  UND_ERR_SOCKET: UpstreamSocketClosedError,
  ECONNRESET: UpstreamConnectionResetError,
  ECONNREFUSED: UpstreamConnectionRefusedError,
  ENOTFOUND: UpstreamHostNotFoundError,
  EAI_AGAIN: UpstreamHostLookupError
}

/** The JavaScript engine's own errors: thrown by a bug (or a stack exhausted by absurd input), never by a socket. */
const ENGINE_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError]

/**
 * Whether `error` is a failure of ours rather than of the connection: an engine error (TypeError, RangeError...,
 * even one Node gave a code), or anything else without the string `code` that undici's, Node's socket and TLS
 * errors all carry. Aborts and catalogue errors are not internal.
 */
export function isInternalFailure (error: unknown): boolean {
  if (error instanceof AdapterError) return false
  if (ENGINE_ERRORS.some((type) => error instanceof type)) return true
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return false
  return typeof (error as { code?: unknown } | null)?.code !== 'string'
}

/**
 * The catalogue error for what an upstream call (or the read of its body) threw: a catalogue error as it is
 * (our abort reasons, DeadlineExceededError and ShuttingDownError, included); an abort without one of ours
 * is the client leaving (RequestCanceledError, 499); a known undici or socket code its TransportError; any
 * other transport failure UpstreamRequestFailedError (502); an internal failure InternalServerError (500).
 * The original error is the result's `cause`.
 */
export function transportErrorFor (error: unknown): AdapterError {
  if (error instanceof AdapterError) return error
  if (isInternalFailure(error)) return new InternalServerError({ cause: error })
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR' || (error as { name?: unknown } | null)?.name === 'AbortError') {
    return new RequestCanceledError({ cause: error })
  }
  const Entry = typeof code === 'string' ? TRANSPORT_ERRORS[code] : undefined
  return Entry === undefined ? new UpstreamRequestFailedError({ cause: error }) : new Entry({ cause: error })
}

export interface TransportFailure {
  readonly statusCode: number
  readonly message: string
}

/** transportErrorFor's status and message, for a failure reported in-band (an error line once a stream has begun). */
export function describeTransportError (error: unknown): TransportFailure {
  const { statusCode, message } = transportErrorFor(error)
  return { statusCode, message }
}
