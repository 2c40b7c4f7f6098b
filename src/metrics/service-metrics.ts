/**
 * The service's Prometheus metrics (prom-client): one registry per app, names under `ollama_adapter_`,
 * units in the names, and label values from bounded sets only (route patterns, dialects, status codes,
 * provider ids, model names the service lists). What GET /metrics exposes; plugins/metrics.ts feeds it.
 * @see https://prometheus.io/docs/practices/naming/
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { ResolvedModel } from '../core/provider-registry.js'

/** The `model` label of a model the service does not list (an open id such as Ark's `ep-…`). */
export const UNLISTED_MODEL_LABEL = 'other'

/** Seconds: from a probe's milliseconds to a reasoning model's ten-minute answer. */
const DURATION_BUCKETS = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600]
/** Seconds until a provider answers with headers: retries and reasoning models push it to minutes. */
const FIRST_BYTE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300]

/** The labels of one answered request. `model` and `provider` are '' when no model was resolved. */
export interface RequestLabels {
  /** The route pattern (`/api/chat`, `/v1/models/*`), or `unmatched` for an unknown path. */
  readonly route: string
  readonly method: string
  readonly status: number
  readonly model: string
  readonly provider: string
}

/** What one upstream answer (chat or embeddings) reports when its reply ends. */
export interface AnswerFigures {
  readonly model: string
  readonly provider: string
  readonly promptTokens: number
  readonly completionTokens: number
  /** From the start of the upstream call (retries and fallbacks included) to its headers; undefined when none came. */
  readonly firstByteSeconds: number | undefined
  /** From the start of the upstream call to the end of the reply. */
  readonly totalSeconds: number
}

/** Providers whose circuit is open, read at each scrape. */
export interface CircuitView {
  /** Every active provider id, so closed circuits show as 0. */
  providerIds(): Iterable<string>
  isCoolingDown(providerId: string): boolean
}

/** Node's process metrics (`process_*`, `nodejs_*`) describe the process, not an app: one collector per process. */
let processRegistry: Registry | undefined

/**
 * The client's dialect from the route pattern: `ollama` (/api/*), `openai` (/v1/chat/completions,
 * /v1/completions, /v1/embeddings, /v1/models), `anthropic` (/v1/messages), `responses` (/v1/responses),
 * or `none` (probes, /metrics, unknown paths).
 */
export function dialectOfRoute (route: string): string {
  if (route.startsWith('/api/')) return 'ollama'
  if (route.startsWith('/v1/messages')) return 'anthropic'
  if (route.startsWith('/v1/responses')) return 'responses'
  if (route.startsWith('/v1/')) return 'openai'
  return 'none'
}

/**
 * A model's `model` label: its canonical name when the service lists it (a catalogue card or an alias,
 * as /api/tags shows them), otherwise UNLISTED_MODEL_LABEL, so a client cannot grow the label set.
 */
export function modelLabel (model: ResolvedModel): string {
  return model.alias !== undefined || model.provider.models.includes(model.card) ? model.name : UNLISTED_MODEL_LABEL
}

export class ServiceMetrics {
  readonly registry = new Registry()
  private readonly requests: Counter<'route' | 'dialect' | 'method' | 'status' | 'model' | 'provider'>
  private readonly requestSeconds: Histogram<'route' | 'dialect' | 'status'>
  private readonly firstByteSeconds: Histogram<'model' | 'provider'>
  private readonly upstreamSeconds: Histogram<'model' | 'provider'>
  private readonly promptTokens: Counter<'model' | 'provider'>
  private readonly completionTokens: Counter<'model' | 'provider'>
  private readonly openStreams: Gauge<'dialect'>
  private readonly retries: Counter<'provider'>
  private readonly fallbacks: Counter<'from_provider' | 'to_provider'>
  private readonly circuitOpens: Counter<'provider'>
  /** Set at each scrape from the breakers (its `collect`), never by a request. */
  readonly circuitOpen: Gauge<'provider'>
  private readonly embeddingBatches: Counter<'model' | 'provider'>
  private readonly embeddingInputs: Counter<'model' | 'provider'>
  private readonly redisUp: Gauge
  private readonly redisOutages: Counter
  private redisReported: boolean | undefined

  /** @param circuits read at each scrape for `ollama_adapter_circuit_open`. */
  constructor (circuits: CircuitView) {
    const registers = [this.registry]
    this.requests = new Counter({
      name: 'ollama_adapter_http_requests_total',
      help: 'HTTP requests answered, by route pattern, client dialect, method, status, listed model and answering provider',
      labelNames: ['route', 'dialect', 'method', 'status', 'model', 'provider'],
      registers
    })
    this.requestSeconds = new Histogram({
      name: 'ollama_adapter_http_request_duration_seconds',
      help: 'Time from a request\'s arrival to the end of its reply (a streamed answer\'s last byte)',
      labelNames: ['route', 'dialect', 'status'],
      buckets: DURATION_BUCKETS,
      registers
    })
    this.firstByteSeconds = new Histogram({
      name: 'ollama_adapter_upstream_first_byte_seconds',
      help: 'Time from the start of an upstream call to the provider\'s response headers, retries and fallbacks included',
      labelNames: ['model', 'provider'],
      buckets: FIRST_BYTE_BUCKETS,
      registers
    })
    this.upstreamSeconds = new Histogram({
      name: 'ollama_adapter_upstream_duration_seconds',
      help: 'Time from the start of an upstream call to the end of the answer relayed from it',
      labelNames: ['model', 'provider'],
      buckets: DURATION_BUCKETS,
      registers
    })
    this.promptTokens = new Counter({
      name: 'ollama_adapter_prompt_tokens_total',
      help: 'Prompt (input) tokens as the providers\' usage reports them',
      labelNames: ['model', 'provider'],
      registers
    })
    this.completionTokens = new Counter({
      name: 'ollama_adapter_completion_tokens_total',
      help: 'Completion (output) tokens as the providers\' usage reports them',
      labelNames: ['model', 'provider'],
      registers
    })
    this.openStreams = new Gauge({
      name: 'ollama_adapter_open_streams',
      help: 'Streamed answers being written to clients now',
      labelNames: ['dialect'],
      registers
    })
    this.retries = new Counter({
      name: 'ollama_adapter_upstream_retries_total',
      help: 'Upstream calls retried after a retryable failure (429, 5xx, 529, connection errors)',
      labelNames: ['provider'],
      registers
    })
    this.fallbacks = new Counter({
      name: 'ollama_adapter_upstream_fallbacks_total',
      help: 'Answers handed from a failed model to the next of its alias\'s fallbacks',
      labelNames: ['from_provider', 'to_provider'],
      registers
    })
    this.circuitOpens = new Counter({
      name: 'ollama_adapter_circuit_opens_total',
      help: 'Times a provider\'s circuit opened after CIRCUIT_FAILURE_THRESHOLD consecutive failures',
      labelNames: ['provider'],
      registers
    })
    this.circuitOpen = new Gauge({
      name: 'ollama_adapter_circuit_open',
      help: '1 while a provider is cooling down after repeated failures (requests go to fallbacks), here or shared by another replica through Redis, else 0',
      labelNames: ['provider'],
      registers,
      collect () {
        this.reset()
        for (const providerId of circuits.providerIds()) this.set({ provider: providerId }, circuits.isCoolingDown(providerId) ? 1 : 0)
      }
    })
    this.embeddingBatches = new Counter({
      name: 'ollama_adapter_embedding_batches_total',
      help: 'Embedding batches sent upstream (a request larger than the model\'s batch size is split)',
      labelNames: ['model', 'provider'],
      registers
    })
    this.embeddingInputs = new Counter({
      name: 'ollama_adapter_embedding_inputs_total',
      help: 'Texts sent upstream to be embedded',
      labelNames: ['model', 'provider'],
      registers
    })
    // Registered on the first report: without Redis the series is absent rather than a 0 an alert would read as down.
    this.redisUp = new Gauge({ name: 'ollama_adapter_redis_up', help: '1 while the shared-state Redis answers, 0 while it does not; absent without REDIS_URL', registers: [] })
    this.redisOutages = new Counter({ name: 'ollama_adapter_redis_outages_total', help: 'Times Redis became unreachable (each outage counted once)', registers: [] })
  }

  /** One reply ended. */
  request (labels: RequestLabels, seconds: number): void {
    const dialect = dialectOfRoute(labels.route)
    const status = String(labels.status)
    this.requests.inc({ route: labels.route, dialect, method: labels.method, status, model: labels.model, provider: labels.provider })
    this.requestSeconds.observe({ route: labels.route, dialect, status }, seconds)
  }

  /** One upstream answer ended: its token usage and timings. */
  answer (figures: AnswerFigures): void {
    const labels = { model: figures.model, provider: figures.provider }
    if (figures.promptTokens > 0) this.promptTokens.inc(labels, figures.promptTokens)
    if (figures.completionTokens > 0) this.completionTokens.inc(labels, figures.completionTokens)
    if (figures.firstByteSeconds !== undefined) {
      this.firstByteSeconds.observe(labels, figures.firstByteSeconds)
      this.upstreamSeconds.observe(labels, figures.totalSeconds)
    }
  }

  streamOpened (dialect: string): void {
    this.openStreams.inc({ dialect })
  }

  streamClosed (dialect: string): void {
    this.openStreams.dec({ dialect })
  }

  /** A failed upstream attempt is about to be retried against the same provider. */
  retried (providerId: string): void {
    this.retries.inc({ provider: providerId })
  }

  /** A model of a fallback chain failed and the next is tried. */
  fellBack (fromProviderId: string, toProviderId: string): void {
    this.fallbacks.inc({ from_provider: fromProviderId, to_provider: toProviderId })
  }

  circuitOpened (providerId: string): void {
    this.circuitOpens.inc({ provider: providerId })
  }

  /** One embedding batch of `inputs` texts goes upstream. */
  embeddingBatch (model: string, provider: string, inputs: number): void {
    this.embeddingBatches.inc({ model, provider })
    this.embeddingInputs.inc({ model, provider }, inputs)
  }

  /**
   * Whether the shared-state Redis answers: call it on every change of state (repeats are harmless).
   * The first call registers `ollama_adapter_redis_up`; each change to down counts one outage.
   */
  setRedisUp (up: boolean): void {
    if (this.redisReported === undefined) {
      this.registry.registerMetric(this.redisUp)
      this.registry.registerMetric(this.redisOutages)
    }
    if (!up && this.redisReported !== false) this.redisOutages.inc()
    this.redisReported = up
    this.redisUp.set(up ? 1 : 0)
  }

  /** The text exposition format (0.0.4): this app's metrics, then the process's. */
  async exposition (): Promise<string> {
    processRegistry ??= newProcessRegistry()
    const [own, process] = await Promise.all([this.registry.metrics(), processRegistry.metrics()])
    return `${own}\n${process}`
  }

  get contentType (): string {
    return this.registry.contentType
  }
}

function newProcessRegistry (): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  return registry
}
