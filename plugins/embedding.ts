/**
 * `fastify.embed()`: embeds a list of inputs with a model's provider, in batches no larger than the
 * model accepts, and answers the upstream vectors in input order. Routes shape the answer; this
 * knows no provider.
 */
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { embedInBatches } from '../src/core/embed-batches.js'
import type { EmbedOptions } from '../src/core/embed-request.js'
import type { ResolvedModel } from '../src/core/provider-registry.js'
import { AnswerMetrics } from '../src/core/answer-metrics.js'
import { estimateTextTokens } from '../src/core/estimate-tokens.js'
import { modelLabel } from '../src/metrics/service-metrics.js'
import { callUpstreamJson } from '../src/upstream/call-upstream-json.js'
import { linkUpstreamSignal } from '../src/upstream/upstream-signal.js'
import { EmbedModelNotFoundError, UpstreamError, UpstreamModelNotFoundError } from '../src/errors.js'
import { requestedName } from './translation.js'

/** Batches in flight per request: fast for large inputs, gentle on provider rate limits. */
const EMBED_CONCURRENCY = 4
/** For a model whose limit is unknown: the smallest limit among supported providers (DashScope v3/v4). */
const DEFAULT_EMBEDDING_BATCH_SIZE = 10

export interface EmbedJob {
  /** A model `canEmbed` accepted. */
  readonly model: ResolvedModel
  /** Texts to embed, at least one. */
  readonly inputs: readonly string[]
  /** Ollama's `dimensions`; 0 or absent for the model's own length. */
  readonly dimensions?: number
  /** How long `/api/ps` lists the model afterwards; 0 removes it. */
  readonly keepAliveMs: number
}

export interface EmbedOutcome {
  /** The upstream's vectors in input order, as sent (neither truncated nor normalised). */
  readonly embeddings: number[][]
  /** Timings and the summed input token count of every batch. */
  readonly metrics: AnswerMetrics
}

declare module 'fastify' {
  interface FastifyInstance {
    embed(request: FastifyRequest, job: EmbedJob): Promise<EmbedOutcome>
  }
}

export default fp(async function embedding (fastify) {
  fastify.decorate('embed', async function embed (request: FastifyRequest, job: EmbedJob): Promise<EmbedOutcome> {
    const { provider, card } = job.model
    const { buildEmbedRequest, readEmbedResponse } = provider.protocol
    if (buildEmbedRequest === undefined || readEmbedResponse === undefined) throw new Error(`${provider.descriptor.id} has no embeddings API`)
    const metrics = new AnswerMetrics()
    request.answerLog = { model: job.model.name, provider: provider.descriptor.id, metrics, served: job.model }
    const label = modelLabel(job.model)
    const options = card.embeddingDimensions === false ? {} : upstreamOptions(job.dimensions, card.embeddingLength)
    const batchSize = card.embeddingBatchSize ?? DEFAULT_EMBEDDING_BATCH_SIZE
    const several = job.inputs.length > batchSize
    let promptTokens = 0
    // Same retry policy and overall deadline as chat; the deadline covers every batch and its retries.
    const context = fastify.upstreamContext
    const upstreamSignal = linkUpstreamSignal(request.abortSignal, context.shutdownSignal, context.deadlineMs)
    const retry = {
      policy: context.retry,
      deadline: upstreamSignal.deadline,
      onRetry: (error: UpstreamError, attempt: number, waitMs: number) => {
        context.observer?.retried(provider.descriptor.id)
        request.log.warn({ model: job.model.name, attempt, waitMs, upstreamStatus: error.upstreamStatus }, `retrying upstream: ${error.message}`)
      }
    }

    // Ollama embeds an empty text like any other; providers other than Ollama refuse it and fail the whole batch. It is
    // not sent to them: its vector is all zeros (no content), and it counts the one token Ollama's tokenizer gives it.
    const sendsEmpty = provider.protocol.embedsEmptyText === true
    const sent = sendsEmpty ? job.inputs : job.inputs.filter((input) => input !== '')
    const leftOut = job.inputs.length - sent.length
    const sentEmbeddings = await embedInBatches(sent, { batchSize, concurrency: EMBED_CONCURRENCY, signal: upstreamSignal.signal }, async (batch, signal) => {
      const upstreamRequest = buildEmbedRequest(batch.inputs, options, { descriptor: provider.descriptor, card })
      fastify.metrics.embeddingBatch(label, provider.descriptor.id, batch.inputs.length)
      let answer: unknown
      try {
        answer = await callUpstreamJson(context.dispatcher, provider, upstreamRequest, signal, retry)
      } catch (error) {
        // Say which inputs failed when the request was split, so a provider's batch limit is recognisable.
        if (error instanceof UpstreamModelNotFoundError) throw new EmbedModelNotFoundError(requestedName(request, job.model), { cause: error })
        if (several && error instanceof UpstreamError && error.statusCode !== 499) throw withInputRange(error, batch.start, batch.inputs.length, job.inputs.length)
        throw error
      }
      metrics.markHeaders()
      let result
      try {
        result = readEmbedResponse(answer, batch.inputs.length)
      } catch (error) {
        throw new UpstreamError(`${provider.descriptor.id} upstream answered an invalid embedding response: ${(error as Error).message}`, { statusCode: 502 })
      }
      // Ollama always counts; a provider that reports no usage (Gemini) gets an estimate (src/core/estimate-tokens.ts).
      // Awaited before the sum is read: `promptTokens += await …` would add to a total read before the wait, losing
      // what concurrent batches counted meanwhile.
      const counted = result.promptTokens ?? await estimateTextTokens(batch.inputs)
      promptTokens += counted
      return result.embeddings
    }).finally(() => upstreamSignal.release())
    const embeddings = leftOut === 0 ? sentEmbeddings : withZeroVectors(job, sentEmbeddings)

    metrics.setUsage(promptTokens + leftOut, 0)
    fastify.recentModels.touch(job.model, job.keepAliveMs)
    return { embeddings, metrics }
  })
}, { name: 'embedding', fastify: '5.x', dependencies: ['upstream-agent', 'client-abort', 'translation', 'metrics'] })

/** The vectors of `job.inputs`: the sent ones in order, and a zero vector of the same length for each empty input. */
function withZeroVectors (job: EmbedJob, sentEmbeddings: number[][]): number[][] {
  const length = sentEmbeddings[0]?.length ?? (job.dimensions !== undefined && job.dimensions > 0 ? job.dimensions : job.model.card.embeddingLength ?? 0)
  let next = 0
  return job.inputs.map((input) => input === '' ? new Array<number>(length).fill(0) : sentEmbeddings[next++] as number[])
}

/**
 * `dimensions` goes upstream only when it shortens the vector: Ollama ignores a larger value, while
 * providers reject it. Routes still truncate locally, for models that do not take the parameter.
 */
function upstreamOptions (dimensions: number | undefined, embeddingLength: number | undefined): EmbedOptions {
  if (dimensions === undefined || dimensions <= 0) return {}
  if (embeddingLength !== undefined && dimensions >= embeddingLength) return {}
  return { dimensions }
}

function withInputRange (error: UpstreamError, start: number, count: number, total: number): UpstreamError {
  return new UpstreamError(`${error.message} (inputs ${start + 1}-${start + count} of ${total})`, {
    statusCode: error.statusCode,
    ...(error.upstreamStatus === undefined ? {} : { upstreamStatus: error.upstreamStatus }),
    ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    cause: error
  })
}
