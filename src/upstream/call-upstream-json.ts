/**
 * One non-streamed upstream call answered with a JSON body (embeddings). The call, its retries and
 * its error mapping are callUpstreamWithRetries'; this adds reading the whole body, bounded, and parsing it.
 */
import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type { Dispatcher } from 'undici'
import type { ActiveProvider } from '../core/provider-registry.js'
import type { UpstreamHttpRequest } from '../core/protocol.js'
import { UpstreamAnswerError } from '../errors.js'
import { callUpstreamWithRetries, type RetryOptions } from './call-upstream.js'
import { transportErrorFor } from './transport-errors.js'

/** An answer larger than this is refused rather than buffered (2,048 vectors of 3,072 floats is about 130 MB of JSON). */
const JSON_BODY_LIMIT = 256 * 1024 * 1024

/**
 * The parsed JSON answer of one POST, with callUpstreamWithRetries' retries and errors. Throws UpstreamAnswerError
 * (502) for an answer that is not JSON or exceeds JSON_BODY_LIMIT bytes, and transportErrorFor's error when
 * the body breaks while being read.
 */
export async function callUpstreamJson (
  dispatcher: Dispatcher, provider: ActiveProvider, upstreamRequest: UpstreamHttpRequest, signal: AbortSignal, retry: RetryOptions
): Promise<unknown> {
  // Retries stop once an answer arrived: a body that breaks while being read is reported, not repeated.
  const body = await callUpstreamWithRetries(dispatcher, provider, upstreamRequest, signal, retry)
  const text = await readText(body, provider)
  try {
    return JSON.parse(text)
  } catch {
    throw new UpstreamAnswerError(`${provider.descriptor.id} upstream answered with invalid JSON`)
  }
}

async function readText (body: Readable, provider: ActiveProvider): Promise<string> {
  const decoder = new StringDecoder('utf8')
  const parts: string[] = []
  let size = 0
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > JSON_BODY_LIMIT) {
        throw new UpstreamAnswerError(`${provider.descriptor.id} upstream answer exceeds ${JSON_BODY_LIMIT} bytes`)
      }
      parts.push(decoder.write(chunk))
    }
  } catch (error) {
    throw transportErrorFor(error)
  } finally {
    body.destroy()
  }
  parts.push(decoder.end())
  return parts.join('')
}
