/** undici transport failures to the status and wording our client sees (after @fastify/reply-from's table). */

export interface TransportFailure {
  readonly statusCode: number
  readonly message: string
}

const FAILURES: Readonly<Record<string, TransportFailure>> = {
  UND_ERR_CONNECT_TIMEOUT: { statusCode: 504, message: 'upstream connection timed out' },
  UND_ERR_HEADERS_TIMEOUT: { statusCode: 504, message: 'upstream did not start answering in time' },
  UND_ERR_BODY_TIMEOUT: { statusCode: 504, message: 'upstream stopped sending data' },
  UND_ERR_SOCKET: { statusCode: 502, message: 'upstream connection closed unexpectedly' },
  ECONNRESET: { statusCode: 502, message: 'upstream connection reset' },
  ECONNREFUSED: { statusCode: 502, message: 'upstream refused the connection' },
  ENOTFOUND: { statusCode: 502, message: 'upstream host not found' },
  EAI_AGAIN: { statusCode: 502, message: 'upstream host lookup failed' },
  ETIMEDOUT: { statusCode: 504, message: 'upstream connection timed out' },
  ADAPTER_DEADLINE: { statusCode: 504, message: 'upstream did not answer within the request deadline' },
  ADAPTER_SHUTDOWN: { statusCode: 503, message: 'server is shutting down' },
  UND_ERR_ABORTED: { statusCode: 499, message: 'request canceled' },
  ABORT_ERR: { statusCode: 499, message: 'request canceled' }
}

export function describeTransportError (error: unknown): TransportFailure {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && FAILURES[code] !== undefined) return FAILURES[code]
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return FAILURES.ABORT_ERR as TransportFailure
  return { statusCode: 502, message: 'upstream request failed' }
}
