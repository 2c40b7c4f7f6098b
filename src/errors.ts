/** The error catalogue: every failure the service answers, as @fastify/error classes under one base per kind. */
import createError from '@fastify/error'

/*
 * Kinds. plugins/error-handler.ts decides by these classes: a catalogue error's message and status are
 * meant for the client; anything else that is not a client error from Fastify itself is a bug of ours,
 * answered as InternalServerError. Only UpstreamError and its subclasses may say "upstream".
 */

/** Every catalogue error: `code` is `OLLAMA_<WHAT>`, `statusCode` the HTTP status the client gets. */
export abstract class AdapterError extends Error {
  declare code: string
  declare statusCode: number
}

/** The client's request cannot be answered as sent: Ollama's wording and status (4xx, or Ollama's own 500 for a few). */
export abstract class RequestError extends AdapterError {}

/** This server itself cannot answer now: it is overloaded or shutting down (503). */
export abstract class UnavailableError extends AdapterError {}

/** Too many requests at this moment: the answer tells the client to retry after a second. */
export abstract class OverloadError extends UnavailableError {
  /** Seconds, sent as Retry-After. */
  get retryAfter (): string {
    return '1'
  }
}

/**
 * A per-key limit (the config file's `limits`) is used up: 429, and the seconds until it frees up as
 * Retry-After. The wording is ours; the `{"error": …}` shape and the status are Ollama's for a refused request.
 */
export abstract class LimitError extends RequestError {
  /** Seconds, sent as Retry-After; set by `withRetryAfter`. */
  retryAfter = '1'
}

/** `error` with its Retry-After set to `seconds` (rounded up, at least 1). */
export function withRetryAfter<Kind extends LimitError> (error: Kind, seconds: number): Kind {
  error.retryAfter = String(Math.max(1, Math.ceil(seconds)))
  return error
}

/** The constructor of one entry: its message template's arguments, optionally followed by `{ cause }`. */
export type CatalogueEntry<Kind extends AdapterError, Args extends unknown[]> = new (...args: [...Args] | [...Args, { cause: unknown }]) => Kind

function entriesOf<Kind extends AdapterError> (kind: abstract new (...args: never[]) => Kind) {
  return <Args extends unknown[] = []>(code: string, message: string, statusCode: number): CatalogueEntry<Kind, Args> =>
    createError(code, message, statusCode, kind as unknown as ErrorConstructor) as unknown as CatalogueEntry<Kind, Args>
}

const UpstreamErrorEntry = createError<[string, { cause: unknown }?]>('OLLAMA_UPSTREAM', '%s', 502, AdapterError as unknown as ErrorConstructor)

/**
 * The provider failed: it answered with an error status, or with something unusable. Carries only what is
 * safe to show a client: the message (the provider's own, keys redacted), the status the client gets
 * (`clientStatusFor` in src/upstream/upstream-error.ts), the provider's status and its Retry-After.
 */
export class UpstreamError extends UpstreamErrorEntry {
  // @fastify/error matches instances by code, which every subclass shares; match by prototype instead.
  static override [Symbol.hasInstance] (instance: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, instance)
  }

  declare statusCode: number
  /** The provider's own HTTP status, when it answered at all. */
  declare readonly upstreamStatus: number | undefined
  /** The provider's Retry-After (seconds or an HTTP date), passed on to the client. */
  declare readonly retryAfter: string | undefined

  constructor (message: string, options: { statusCode: number, upstreamStatus?: number, retryAfter?: string, cause?: unknown }) {
    super(message, { cause: options.cause })
    this.statusCode = options.statusCode
    this.upstreamStatus = options.upstreamStatus
    this.retryAfter = options.retryAfter
  }
}

/**
 * The provider said the model does not exist (its "model not found", "does not exist", `InvalidEndpointOrModel`),
 * always a 404. Routes answer it as Ollama's own `model 'NAME' not found` for the name the client sent.
 */
export class UpstreamModelNotFoundError extends UpstreamError {}

/** No answer came from the provider: the connection failed or timed out, or the request's deadline passed. */
export abstract class TransportError extends UpstreamError {}

const requestError = entriesOf(RequestError)
const transportError = entriesOf(TransportError)
const unavailableError = entriesOf(UnavailableError)
const overloadError = entriesOf(OverloadError)
const limitError = entriesOf(LimitError)

/** A failure of ours (a bug, an exhausted stack): never blamed on the provider, never detailed to the client. */
export const InternalServerError = entriesOf(AdapterError)('OLLAMA_INTERNAL', 'internal server error', 500)

/* Request errors, in Ollama's wording (shared/ollama-api.md is the source). */

export const MissingBodyError = requestError('OLLAMA_MISSING_BODY', 'missing request body', 400)
export const ModelRequiredError = requestError('OLLAMA_MODEL_REQUIRED', 'model is required', 400)
export const ModelNotFoundError = requestError<[string]>('OLLAMA_MODEL_NOT_FOUND', "model '%s' not found", 404)
/** Ollama's 404 for a name whose provider is known but not configured, ending with the variable to set. */
export const ProviderNotConfiguredError = requestError<[string, string, string]>('OLLAMA_PROVIDER_NOT_CONFIGURED', "model '%s' not found (set %s to use %s)", 404)
export const ThinkingUnsupportedError = requestError<[string]>('OLLAMA_THINKING_UNSUPPORTED', '"%s" does not support thinking', 400)
export const ToolsUnsupportedError = requestError<[string]>('OLLAMA_TOOLS_UNSUPPORTED', '%s does not support tools', 400)
export const InsertUnsupportedError = requestError<[string]>('OLLAMA_INSERT_UNSUPPORTED', '%s does not support insert', 400)
export const ChatUnsupportedError = requestError<[string]>('OLLAMA_CHAT_UNSUPPORTED', '"%s" does not support chat', 400)
export const GenerateUnsupportedError = requestError<[string]>('OLLAMA_GENERATE_UNSUPPORTED', '"%s" does not support generate', 400)
export const RawConflictError = requestError('OLLAMA_RAW_CONFLICT', 'raw mode does not support template, system, or context', 400)
export const TopLogprobsRangeError = requestError('OLLAMA_TOP_LOGPROBS_RANGE', 'top_logprobs must be between 0 and 20', 400)
/**
 * Log probabilities asked of a model whose provider cannot return them (real Ollama computes them locally, so it has
 * no such answer): the name as sent, then why (`its provider returns none`, or a rule such as thinking).
 */
export const LogprobsUnsupportedError = requestError<[string, string]>('OLLAMA_LOGPROBS_UNSUPPORTED', '"%s" does not support logprobs: %s', 400)
/** A generate `context` this server did not issue, or one altered since (src/ollama/generate-context.ts). */
export const InvalidContextError = requestError<[string]>('OLLAMA_INVALID_CONTEXT', 'invalid context: %s', 400)
export const InvalidRequestError = requestError<[string]>('OLLAMA_INVALID_REQUEST', '%s', 400)
/** A client-supplied JSON structure (a schema, tool-call arguments) past this service's bound (src/core/structure-bounds.ts). */
export const StructureTooDeepError = requestError<[string, number]>('OLLAMA_STRUCTURE_TOO_DEEP', '%s is nested more than %d levels deep', 400)
export const StructureTooLargeError = requestError<[string, number]>('OLLAMA_STRUCTURE_TOO_LARGE', '%s holds more than %d values', 400)
/**
 * Ollama's capability check has this wording for every capability (`<full name> does not support <capability>`);
 * current Ollama no longer reaches it for images, but an upstream text model would fail on them anyway, so we
 * answer it up front, as older Ollama releases did.
 */
export const VisionUnsupportedError = requestError<[string]>('OLLAMA_VISION_UNSUPPORTED', '%s does not support vision', 400)
/** Go's base64 decoder wording for a bad `images` entry (a `data:` prefix included). */
export const InvalidImageDataError = requestError<[number]>('OLLAMA_INVALID_IMAGE_DATA', 'illegal base64 data at input byte %d', 400)
/** Ollama rejects a wrong-typed option from the scheduler's default branch, hence 500 with the message kept. */
export const OptionTypeError = requestError<[string, string]>('OLLAMA_OPTION_TYPE', 'option "%s" must be %s', 500)
/** api/types.go `ThinkValue.UnmarshalJSON`, for a `think` neither boolean nor string. */
export const ThinkTypeError = requestError('OLLAMA_THINK_TYPE', 'think must be a boolean or string ("high", "medium", "low", "max", true, or false)', 400)
/** api/types.go `Duration.UnmarshalJSON`, for a `keep_alive` neither number nor string; the argument is Go's type name (`bool`). */
export const KeepAliveTypeError = requestError<[string]>('OLLAMA_KEEP_ALIVE_TYPE', "Unsupported type: '%s'", 400)
/** The runner's refusal of a `format` other than "json" or a schema object (llm/llama_server.go), a runner error hence 500; the argument is Go's %q of the raw JSON. */
export const InvalidFormatError = requestError<[string]>('OLLAMA_INVALID_FORMAT', 'invalid format: %s; expected "json" or a valid JSON Schema object', 500)
export const InvalidModelNameError = requestError('OLLAMA_INVALID_MODEL_NAME', 'invalid model name', 400)
export const InvalidNameError = requestError<[string]>('OLLAMA_INVALID_NAME', 'name "%s" is invalid', 400)
export const InvalidCopySourceError = requestError<[string]>('OLLAMA_INVALID_COPY_SOURCE', 'source "%s" is invalid', 400)
export const InvalidCopyDestinationError = requestError<[string]>('OLLAMA_INVALID_COPY_DESTINATION', 'destination "%s" is invalid', 400)
/** Copy's wording differs from chat's: double quotes. */
export const CopySourceNotFoundError = requestError<[string]>('OLLAMA_COPY_SOURCE_NOT_FOUND', 'model "%s" not found', 404)
export const CreateSourceMissingError = requestError('OLLAMA_CREATE_SOURCE_MISSING', "neither 'from' or 'files' was specified", 400)
export const CreateFromFilesError = requestError('OLLAMA_CREATE_FROM_FILES', 'creating a model from files is not supported: this server serves cloud models, name one of them in "from"', 400)
/** A provider's model or a configured alias: it is not ours to replace or delete. */
export const ModelNotUserDefinedError = requestError<[string, string]>('OLLAMA_MODEL_NOT_USER_DEFINED', "model '%s' %s; only models made with create or copy can be changed", 400)
export const EmbedModelNotFoundError = requestError<[string]>('OLLAMA_EMBED_MODEL_NOT_FOUND', 'model "%s" not found, try pulling it first', 404)
export const EmbeddingUnsupportedError = requestError<[string]>('OLLAMA_EMBEDDING_UNSUPPORTED', '%s does not support embedding', 400)
export const InvalidInputTypeError = requestError('OLLAMA_INVALID_INPUT_TYPE', 'invalid input type', 400)
/** A compressed request body (Content-Encoding) whose data is not valid in its coding; Ollama's wording for zstd. */
export const BodyDecodingError = requestError<[string]>('OLLAMA_BODY_DECODING', 'failed to decompress %s body', 400)
export const UnsupportedContentEncodingError = requestError<[string]>('OLLAMA_UNSUPPORTED_CONTENT_ENCODING', 'unsupported Content-Encoding "%s": send the body uncompressed or as gzip, deflate, br or zstd', 415)
/** API_KEYS is set and the request carries none of them. */
/**
 * ADMIN_API_KEYS refused a model change. Ollama has no admin keys: the wording is ours, in its `{"error": …}` shape
 * with the 403 Ollama answers an operation its policy forbids (server/cloud_proxy.go, disabled cloud).
 */
export const AdminKeyRequiredError = requestError('OLLAMA_ADMIN_KEY_REQUIRED', 'forbidden: an admin key is needed to create, copy, delete or push models', 403)
export const UnauthorizedError = requestError('OLLAMA_UNAUTHORIZED', 'unauthorized', 401)
/** The client went away (Ollama's 499 wording); nobody reads it, but the request log does. */
export const RequestCanceledError = requestError('OLLAMA_REQUEST_CANCELED', 'request canceled', 499)
/**
 * Pull and push failures: Ollama reports them inside the progress stream, or, unstreamed, as a 500
 * (its `waitForStream`). A pull of a name no provider serves is the registry's answer for an unknown manifest.
 */
export const PullManifestNotFoundError = requestError('OLLAMA_PULL_MANIFEST_NOT_FOUND', 'pull model manifest: file does not exist', 500)
export const PushModelNotFoundError = requestError<[string]>('OLLAMA_PUSH_MODEL_NOT_FOUND', "model '%s' not found", 500)
export const PushUnsupportedError = requestError<[string, string]>('OLLAMA_PUSH_UNSUPPORTED', 'pushing is not supported: %s is served by %s, there is no local model to upload', 500)

/* Per-key limits. */

export const RequestRateLimitError = limitError<[number]>('OLLAMA_REQUEST_RATE_LIMIT', 'rate limit exceeded: this key may make %d requests per minute', 429)
export const TokenBudgetError = limitError<[number]>('OLLAMA_TOKEN_BUDGET', 'token limit exceeded: this key may use %d tokens per day (UTC)', 429)

/* Transport errors: undici's and the socket's failures (src/upstream/transport-errors.ts maps their codes). */

export const UpstreamConnectTimeoutError = transportError('OLLAMA_UPSTREAM_CONNECT_TIMEOUT', 'upstream connection timed out', 504)
export const UpstreamHeadersTimeoutError = transportError('OLLAMA_UPSTREAM_HEADERS_TIMEOUT', 'upstream did not start answering in time', 504)
export const UpstreamBodyTimeoutError = transportError('OLLAMA_UPSTREAM_BODY_TIMEOUT', 'upstream stopped sending data', 504)
export const UpstreamSocketClosedError = transportError('OLLAMA_UPSTREAM_SOCKET_CLOSED', 'upstream connection closed unexpectedly', 502)
export const UpstreamConnectionResetError = transportError('OLLAMA_UPSTREAM_CONNECTION_RESET', 'upstream connection reset', 502)
export const UpstreamConnectionRefusedError = transportError('OLLAMA_UPSTREAM_CONNECTION_REFUSED', 'upstream refused the connection', 502)
export const UpstreamHostNotFoundError = transportError('OLLAMA_UPSTREAM_HOST_NOT_FOUND', 'upstream host not found', 502)
export const UpstreamHostLookupError = transportError('OLLAMA_UPSTREAM_HOST_LOOKUP', 'upstream host lookup failed', 502)
/** Any other failure of the connection or of undici's request. */
export const UpstreamRequestFailedError = transportError('OLLAMA_UPSTREAM_REQUEST_FAILED', 'upstream request failed', 502)
/** REQUEST_DEADLINE_MS passed before an answer started (or, for embeddings, finished); the upstream call's abort reason. */
export const DeadlineExceededError = transportError('OLLAMA_DEADLINE_EXCEEDED', 'upstream did not answer within the request deadline', 504)

/* Our own unavailability. */

/** The drain's grace window is over (the abort reason of every open upstream call), or readiness while draining. */
export const ShuttingDownError = unavailableError('OLLAMA_SHUTTING_DOWN', 'server is shutting down', 503)
/** Ollama's ErrMaxQueue (server/sched.go), two spaces after the period included: MAX_PENDING_ANSWERS reached. */
export const ServerBusyError = overloadError('OLLAMA_SERVER_BUSY', 'server busy, please try again.  maximum pending requests exceeded', 503)
/** The event loop lags past MAX_EVENT_LOOP_DELAY_MS (plugins/overload.ts). */
export const EventLoopBusyError = overloadError('OLLAMA_EVENT_LOOP_BUSY', 'server busy, please try again', 503)

/**
 * REDIS_URL is set and Redis does not answer: a model change written only here would be invisible to the
 * other replicas, so none is made.
 */
export const SharedStateUnavailableError = unavailableError('OLLAMA_SHARED_STATE_UNAVAILABLE', 'model store unavailable: the shared state (Redis) cannot be reached, try again later', 503)

/* The provider's answers. */

const upstreamError = entriesOf(UpstreamError)

/**
 * The provider's answer failed before anything was written to the client: an `error` event first in its
 * stream (anywhere, for a folded answer), or a body that cannot be read (not JSON, too large). A bad
 * gateway, the message kept; once a piece was written, the writer reports it in-band instead.
 */
export const UpstreamAnswerError = upstreamError<[string]>('OLLAMA_UPSTREAM_ANSWER_FAILED', '%s', 502)
