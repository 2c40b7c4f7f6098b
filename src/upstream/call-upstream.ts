/**
 * Upstream HTTP calls: one POST with our own headers, the caller's abort signal, and error bodies
 * turned into UpstreamErrors; and the retry loop around it, which only ever runs before the first
 * byte reached the client (nothing has been read from a failed attempt).
 */
import type { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Dispatcher } from 'undici'
import type { ActiveProvider } from '../core/provider-registry.js'
import type { UpstreamHttpRequest } from '../core/protocol.js'
import { UpstreamError, UpstreamModelNotFoundError, type AdapterError } from '../errors.js'
import { redactSecrets } from './redact.js'
import { retryDelay, type RetryPolicy } from './retry-policy.js'
import { transportErrorFor } from './transport-errors.js'
import { clientStatusFor } from './upstream-error.js'

const ERROR_BODY_LIMIT = 64 * 1024

/**
 * POSTs `upstreamRequest` to the provider and resolves with the response body (status < 400). Throws
 * UpstreamError for an error answer (status mapped by `clientStatusFor`, provider message with the key
 * redacted, Retry-After kept), or the catalogue error `transportErrorFor` gives for a failed call. The body
 * and headers are built before the call: a failure there is ours and is thrown as it is, never as the upstream's.
 */
export async function callUpstream (dispatcher: Dispatcher, provider: ActiveProvider, upstreamRequest: UpstreamHttpRequest, signal: AbortSignal): Promise<Readable> {
  const headers = {
    'content-type': 'application/json',
    accept: 'text/event-stream, application/json',
    ...provider.protocol.authHeaders(provider.apiKey.reveal())
  }
  const body = JSON.stringify(upstreamRequest.body)
  let response: Dispatcher.ResponseData
  try {
    const { origin, basePath } = splitBaseUrl(provider.baseUrl)
    const pending = dispatcher.request({ origin, path: basePath + upstreamRequest.path, method: 'POST', signal, headers, body })
    response = await untilAborted(pending, signal)
  } catch (error) {
    throw transportErrorFor(error)
  }
  if (response.statusCode < 400) return response.body
  const text = await readBounded(response.body)
  const detail = provider.protocol.readErrorMessage(text) ?? `status ${response.statusCode}`
  const retryAfter = response.headers['retry-after']
  const statusCode = clientStatusFor(response.statusCode, detail, provider.protocol)
  // Only a 404 by now: a provider's unknown-model wording, in its protocol's own terms.
  const Failure = statusCode === 404 && provider.protocol.isUnknownModel?.(response.statusCode, detail) === true ? UpstreamModelNotFoundError : UpstreamError
  throw new Failure(redactSecrets(`${provider.descriptor.id} upstream error ${response.statusCode}: ${detail}`, [provider.apiKey.reveal()]), {
    statusCode,
    upstreamStatus: response.statusCode,
    ...(typeof retryAfter === 'string' ? { retryAfter } : {})
  })
}

const baseUrlParts = new Map<string, { origin: string, basePath: string }>()

/**
 * A provider's base URL as the origin and the path prefix every call appends to. Memoised: undici's top-level
 * `request(url)` parsed a new URL on every call; the dispatcher's own `request` takes the parts.
 */
function splitBaseUrl (baseUrl: string): { origin: string, basePath: string } {
  let parts = baseUrlParts.get(baseUrl)
  if (parts === undefined) {
    const url = new URL(baseUrl)
    parts = { origin: url.origin, basePath: url.pathname === '/' ? '' : url.pathname }
    baseUrlParts.set(baseUrl, parts)
  }
  return parts
}

export interface RetryOptions {
  readonly policy: RetryPolicy
  /** Epoch milliseconds after which no retry starts (the request's overall deadline). */
  readonly deadline: number
  /** Told about every failed attempt, before the wait. */
  readonly onRetry?: (error: UpstreamError, attempt: number, waitMs: number) => void
}

/** callUpstream, repeated on retryable failures with backoff or Retry-After, until the policy or the deadline says stop. */
export async function callUpstreamWithRetries (
  dispatcher: Dispatcher, provider: ActiveProvider, upstreamRequest: UpstreamHttpRequest, signal: AbortSignal, options: RetryOptions
): Promise<Readable> {
  for (let retry = 0; ; retry++) {
    try {
      return await callUpstream(dispatcher, provider, upstreamRequest, signal)
    } catch (error) {
      if (signal.aborted) throw abortedError(signal)
      const wait = retryDelay(options.policy, error, retry, options.deadline - Date.now())
      if (wait === undefined) throw error
      options.onRetry?.(error as UpstreamError, retry + 1, wait)
      try {
        await sleep(wait, undefined, { signal })
      } catch {
        throw abortedError(signal)
      }
    }
  }
}

/**
 * The client-facing error for an aborted call: RequestCanceledError (499) when the client left, or our own
 * abort reason, DeadlineExceededError (504) or ShuttingDownError (503).
 */
export function abortedError (signal: AbortSignal): AdapterError {
  return transportErrorFor(signal.reason)
}

/**
 * The response, or a rejection as soon as the signal aborts. undici only notices an abort once the
 * request leaves the pool's queue, so a request waiting for a free connection (UPSTREAM_MAX_CONNECTIONS)
 * would otherwise outlive its client and its deadline. undici still drops it when it is dispatched.
 */
async function untilAborted (pending: Promise<Dispatcher.ResponseData>, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
  if (signal.aborted) {
    pending.then((response) => response.body.destroy(), () => {})
    throw signal.reason
  }
  let onAbort: (() => void) | undefined
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    return await Promise.race([pending, aborted])
  } catch (error) {
    // Whatever undici does with the abandoned request later must not surface as an unhandled rejection.
    pending.then((response) => response.body.destroy(), () => {})
    throw error
  } finally {
    signal.removeEventListener('abort', onAbort!)
  }
}

/** Reads at most ERROR_BODY_LIMIT bytes of an error body, then drops the rest of the connection's data. */
async function readBounded (body: Readable): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      size += chunk.length
      if (size >= ERROR_BODY_LIMIT) break
    }
  } catch {
    // A broken error body still leaves the status to report.
  } finally {
    body.destroy()
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, ERROR_BODY_LIMIT)
}
