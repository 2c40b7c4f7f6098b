/**
 * Fast 503s instead of latency collapse: a bound on inference requests in flight (Ollama's
 * OLLAMA_MAX_QUEUE, with its wording) and a guard on sustained event-loop delay. Both refuse with an
 * OverloadError, which the error handler answers with a Retry-After. Upstream connections per origin
 * are bounded in plugins/upstream-agent.ts.
 *
 * The delay guard reads Node's event-loop delay histogram (perf_hooks.monitorEventLoopDelay) once a
 * second and refuses while the mean delay over the last DELAY_WINDOW_SAMPLES seconds is past
 * MAX_EVENT_LOOP_DELAY_MS. A one-second window (as @fastify/under-pressure measures) is decided by a
 * single long turn of the loop: a burst of a thousand arriving streams takes one turn of a second or
 * more, and the arrivals of the whole next second were then refused although the loop was keeping up
 * again. Over five seconds a burst weighs as little as it lasts, and a loop that stays slow still trips it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import fp from 'fastify-plugin'
import { EventLoopBusyError, ServerBusyError } from '../src/errors.js'

/** How often the delay histogram is read, and how many readings the guard averages over. */
const SAMPLE_INTERVAL_MS = 1000
const DELAY_WINDOW_SAMPLES = 5
/** The histogram's timer period (ms): every sample is at least this long, so it is not delay. */
const RESOLUTION_MS = 10

/** POST paths whose requests hold an upstream call; probes and listings stay cheap and are never refused. */
const INFERENCE_PATHS = ['/api/chat', '/api/generate', '/api/embed', '/api/embeddings']
const INFERENCE_PREFIX = '/v1/'

/**
 * Health checks must keep answering under load, or an orchestrator restarts a busy but working server;
 * /metrics too, as an overload is what operators most need to see.
 */
const EXEMPT_PATHS = ['/', '/health/live', '/health/ready', '/metrics']

const QUESTION_MARK = 63

/** Whether `url` (path and query) has exactly the path `path`; no allocation, as it runs on every request. */
function hasPath (url: string, path: string): boolean {
  return url.startsWith(path) && (url.length === path.length || url.charCodeAt(path.length) === QUESTION_MARK)
}

function isInference (url: string): boolean {
  return url.startsWith(INFERENCE_PREFIX) || INFERENCE_PATHS.some((path) => hasPath(url, path))
}

/**
 * The mean event-loop delay (ms) over the last `windowSamples` readings, read every `intervalMs`;
 * `stop()` ends the sampling. Each reading keeps the count and sum of the histogram's samples (the
 * gaps between ticks of a `RESOLUTION_MS` timer), so the mean weighs every tick of the window alike.
 */
function watchEventLoopDelay (intervalMs: number, windowSamples: number): { delayMs(): number, stop(): void } {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  const counts = new Array<number>(windowSamples).fill(0)
  const sums = new Array<number>(windowSamples).fill(0)
  let next = 0
  let delayMs = 0
  const timer = setInterval(() => {
    counts[next] = histogram.count
    sums[next] = histogram.count === 0 ? 0 : histogram.mean * histogram.count / 1e6
    histogram.reset()
    next = (next + 1) % windowSamples
    let count = 0
    let sum = 0
    for (let index = 0; index < windowSamples; index++) {
      count += counts[index]!
      sum += sums[index]!
    }
    // No tick in the whole window: the loop has been stuck for all of it.
    delayMs = count === 0 ? Infinity : Math.max(0, sum / count - RESOLUTION_MS)
  }, intervalMs)
  timer.unref()
  return {
    delayMs: () => delayMs,
    stop () {
      clearInterval(timer)
      histogram.disable()
    }
  }
}

export default fp(async function overload (fastify) {
  const limit = fastify.config.MAX_PENDING_ANSWERS
  const maxDelayMs = fastify.config.MAX_EVENT_LOOP_DELAY_MS
  let pending = 0
  // One listener function for every response: nothing is allocated per request.
  const releaseSlot = () => { pending -= 1 }

  const delay = maxDelayMs > 0 ? watchEventLoopDelay(SAMPLE_INTERVAL_MS, DELAY_WINDOW_SAMPLES) : undefined
  if (delay !== undefined) fastify.addHook('onClose', (_instance, done) => { delay.stop(); done() })

  // A synchronous hook: it runs on every request, so no promise and no string split.
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const url = request.url
    if (request.method === 'POST' && isInference(url)) {
      if (pending >= limit) {
        done(new ServerBusyError())
        return
      }
      pending += 1
      reply.raw.on('close', releaseSlot)
    }
    if (delay !== undefined && delay.delayMs() > maxDelayMs && !EXEMPT_PATHS.some((path) => hasPath(url, path))) {
      request.log.warn('event loop overloaded, refusing a request')
      done(new EventLoopBusyError())
      return
    }
    done()
  })
}, { name: 'overload', fastify: '5.x', dependencies: ['config'] })
