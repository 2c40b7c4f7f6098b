/** One upstream HTTP call: a POST with our own headers, the client's abort signal, and error bodies turned into UpstreamErrors. */
import type { Readable } from 'node:stream'
import { request, type Dispatcher } from 'undici'
import type { ActiveProvider } from '../core/provider-registry.js'
import type { UpstreamHttpRequest } from '../core/protocol.js'
import { redactSecrets } from './redact.js'
import { describeTransportError } from './transport-errors.js'
import { clientStatusFor, UpstreamError } from './upstream-error.js'

const ERROR_BODY_LIMIT = 64 * 1024

export async function callUpstream (dispatcher: Dispatcher, provider: ActiveProvider, upstreamRequest: UpstreamHttpRequest, signal: AbortSignal): Promise<Readable> {
  let response: Dispatcher.ResponseData
  try {
    response = await request(provider.baseUrl + upstreamRequest.path, {
      dispatcher,
      method: 'POST',
      signal,
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream, application/json',
        ...provider.protocol.authHeaders(provider.apiKey.reveal())
      },
      body: JSON.stringify(upstreamRequest.body)
    })
  } catch (error) {
    const failure = describeTransportError(error)
    throw new UpstreamError(failure.message, { statusCode: failure.statusCode, cause: error })
  }
  if (response.statusCode < 400) return response.body
  const text = await readBounded(response.body)
  const detail = provider.protocol.readErrorMessage(text) ?? `status ${response.statusCode}`
  const retryAfter = response.headers['retry-after']
  throw new UpstreamError(redactSecrets(`${provider.descriptor.id} upstream error ${response.statusCode}: ${detail}`, [provider.apiKey.reveal()]), {
    statusCode: clientStatusFor(response.statusCode),
    upstreamStatus: response.statusCode,
    ...(typeof retryAfter === 'string' ? { retryAfter } : {})
  })
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
