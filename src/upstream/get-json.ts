/** A small GET for upstream metadata (a provider's model list), bounded in time; never used for answers. */
import { request, type Dispatcher } from 'undici'
import { UpstreamError } from '../errors.js'
import { transportErrorFor } from './transport-errors.js'

export async function getJson (dispatcher: Dispatcher, url: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  let response: Dispatcher.ResponseData
  try {
    // `reset`: the connection closes after the answer; lists are read every few minutes, so no idle socket is kept for them.
    response = await request(url, { dispatcher, method: 'GET', headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(timeoutMs), reset: true })
  } catch (error) {
    throw transportErrorFor(error)
  }
  if (response.statusCode >= 400) {
    await response.body.dump()
    throw new UpstreamError(`status ${response.statusCode}`, { statusCode: 502, upstreamStatus: response.statusCode })
  }
  return await response.body.json()
}
