/** A small GET for upstream metadata (a real Ollama's /api/tags), bounded in time; never used for answers. */
import { request, type Dispatcher } from 'undici'
import { describeTransportError } from './transport-errors.js'
import { UpstreamError } from './upstream-error.js'

export async function getJson (dispatcher: Dispatcher, url: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  let response: Dispatcher.ResponseData
  try {
    response = await request(url, { dispatcher, method: 'GET', headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    const failure = describeTransportError(error)
    throw new UpstreamError(failure.message, { statusCode: failure.statusCode, cause: error })
  }
  if (response.statusCode >= 400) {
    await response.body.dump()
    throw new UpstreamError(`status ${response.statusCode}`, { statusCode: 502, upstreamStatus: response.statusCode })
  }
  return await response.body.json()
}
