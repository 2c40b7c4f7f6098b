/**
 * Opens the upstream answer for a chat request: the resolved model first, then its alias's fallbacks,
 * each with retries, all under one overall deadline. Providers cooling down after repeated failures
 * are skipped while another candidate remains. Everything here happens before the first byte reached
 * the client; once a stream is open it is the caller's.
 */
import type { Readable } from 'node:stream'
import type { Dispatcher } from 'undici'
import { canServe, withThinkDefault, type ThinkDefault } from '../core/admission.js'
import type { NormalisedChatRequest } from '../core/chat-request.js'
import type { ProviderRegistry, ResolvedModel } from '../core/provider-registry.js'
import { abortedError, callUpstreamWithRetries } from './call-upstream.js'
import type { CircuitBreakers } from './circuit-breaker.js'
import type { RetryPolicy } from './retry-policy.js'
import { linkUpstreamSignal } from './upstream-signal.js'
import { UpstreamError } from '../errors.js'

/** The minimal logger this module needs (pino and Fastify's logger fit). */
export interface UpstreamLog {
  warn(details: Record<string, unknown>, message: string): void
}

/** Told what the retry and fallback loop does, for metrics; each call is cheap and never throws. */
export interface UpstreamObserver {
  /** A failed attempt is about to be retried against the same provider. */
  retried(providerId: string): void
  /** A model of a fallback chain failed and the next candidate is tried. */
  fellBack(fromProviderId: string, toProviderId: string): void
}

export interface UpstreamContext {
  readonly dispatcher: Dispatcher
  readonly registry: ProviderRegistry
  readonly retry: RetryPolicy
  /** Longest wait for an answer to start, over every attempt and fallback. */
  readonly deadlineMs: number
  readonly breakers: CircuitBreakers
  /** Aborted (with a ShuttingDownError) when the server's drain window is over. */
  readonly shutdownSignal: AbortSignal
  /** How an absent `think` is read for each candidate (THINK_DEFAULT). */
  readonly thinkDefault: ThinkDefault
  readonly observer?: UpstreamObserver
}

export interface OpenedStream {
  /** The upstream body; destroying it releases the connection and every listener set here. */
  readonly body: Readable
  /** The model that answered: the requested one or a fallback. */
  readonly model: ResolvedModel
}

/** Upstream statuses that blame the request itself: another model would refuse it too. */
const REQUEST_FAULTS = new Set([400, 413, 422])

export async function openUpstreamStream (
  context: UpstreamContext, model: ResolvedModel, chat: NormalisedChatRequest, clientSignal: AbortSignal, log?: UpstreamLog
): Promise<OpenedStream> {
  const upstreamSignal = linkUpstreamSignal(clientSignal, context.shutdownSignal, context.deadlineMs)
  const { signal, deadline } = upstreamSignal

  // Made only when needed: an Error captures a stack trace, too costly to build on every request.
  let lastError: unknown
  // The provider of the candidate that failed last, so the next one tried counts as a fallback.
  let failedProviderId: string | undefined
  try {
    for (const candidate of orderCandidates(context, candidates(context.registry, model, chat))) {
      const { provider, card } = candidate
      if (failedProviderId !== undefined) context.observer?.fellBack(failedProviderId, provider.descriptor.id)
      const protocolContext = { descriptor: provider.descriptor, card }
      const sent = withThinkDefault(chat, candidate, context.thinkDefault)
      if (provider.protocol.prepareChatRequest !== undefined) await provider.protocol.prepareChatRequest(sent, protocolContext)
      // A suffix means fill-in-the-middle; admission lets it through only for models with `insert`.
      const upstreamRequest = sent.suffix !== undefined && provider.protocol.buildCompletionRequest !== undefined
        ? provider.protocol.buildCompletionRequest(sent, protocolContext)
        : provider.protocol.buildChatRequest(sent, protocolContext)
      try {
        const body = await callUpstreamWithRetries(context.dispatcher, provider, upstreamRequest, signal, {
          policy: context.retry,
          deadline,
          onRetry: (error, attempt, waitMs) => {
            context.observer?.retried(provider.descriptor.id)
            log?.warn({ model: candidate.name, attempt, waitMs, upstreamStatus: error.upstreamStatus }, `retrying upstream: ${error.message}`)
          }
        })
        context.breakers.recordSuccess(provider.descriptor.id)
        upstreamSignal.clearDeadline()
        // The client and shutdown links stay until the body closes: both must still stop a running stream.
        body.once('close', () => upstreamSignal.release())
        return { body, model: candidate }
      } catch (error) {
        lastError = error
        if (signal.aborted) throw abortedError(signal)
        if (!(error instanceof UpstreamError) || (error.upstreamStatus !== undefined && REQUEST_FAULTS.has(error.upstreamStatus))) throw error
        // Only provider trouble (5xx, auth, timeouts, 429) cools a provider down; a missing model does not.
        if (error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 401) context.breakers.recordFailure(provider.descriptor.id)
        log?.warn({ model: candidate.name, upstreamStatus: error.upstreamStatus }, `upstream failed, trying the next fallback if any: ${error.message}`)
        failedProviderId = provider.descriptor.id
      }
    }
    throw lastError ?? new UpstreamError('no model available to answer', { statusCode: 503 })
  } catch (error) {
    upstreamSignal.release()
    throw error
  }
}

/** The model, then each fallback that resolves and that admission says can serve the request (tools, thinking, images, suffix). */
function candidates (registry: ProviderRegistry, model: ResolvedModel, chat: NormalisedChatRequest): ResolvedModel[] {
  const list = [model]
  for (const name of model.alias?.fallbacks ?? []) {
    const fallback = registry.resolve(name)
    if (fallback !== undefined && canServe(fallback, chat)) list.push(fallback)
  }
  return list
}

/** Cooling-down providers are skipped, unless every candidate is cooling down: then all are tried in order. */
function orderCandidates (context: UpstreamContext, list: ResolvedModel[]): ResolvedModel[] {
  const available = list.filter((candidate) => !context.breakers.isOpen(candidate.provider.descriptor.id))
  return available.length > 0 ? available : list
}
