/** What a wire protocol module provides: pure functions from normalised requests to HTTP and back. */
import type { ModelCard, ProviderDescriptor } from './capabilities.js'
import type { ListedModel, ListGet } from './listed-model.js'
import type { NormalisedChatRequest } from './chat-request.js'
import type { EmbedBatchResult, EmbedOptions } from './embed-request.js'
import type { StreamMapper } from './stream-mapper.js'

export interface UpstreamHttpRequest {
  /** Appended to the provider's base URL. */
  readonly path: string
  readonly body: unknown
}

export interface ProtocolContext {
  readonly descriptor: ProviderDescriptor
  readonly card: ModelCard
}

export interface Protocol {
  /** Headers that authenticate a request; built from scratch, never from the client's. */
  authHeaders(apiKey: string): Record<string, string>
  /**
   * Reads, before `buildChatRequest` (which stays synchronous), what it needs from state shared between
   * replicas: reasoning signatures another replica kept. Never rejects; unreadable state is unknown state.
   * Absent: nothing to read (the usual case, so the hot path awaits nothing).
   */
  prepareChatRequest?(request: NormalisedChatRequest, context: ProtocolContext): Promise<void>
  /** The streamed chat request for this upstream. */
  buildChatRequest(request: NormalisedChatRequest, context: ProtocolContext): UpstreamHttpRequest
  /**
   * The streamed fill-in-the-middle request (legacy completions with a suffix), for models with `insert`;
   * its stream is read by the same mapper. Absent: the protocol has none.
   */
  buildCompletionRequest?(request: NormalisedChatRequest, context: ProtocolContext): UpstreamHttpRequest
  /**
   * Why this upstream cannot return log probabilities for `request` (a clause such as `its provider returns
   * none`), or undefined when it can; the request then asks for them and the mapper emits `logprobs` events.
   * Absent: the upstream never returns them, and a request that asks is refused (400) before it is sent.
   */
  logprobsRefusal?(request: NormalisedChatRequest, context: ProtocolContext): string | undefined
  /**
   * Whether `think` reaches this model as a switch its provider honours, so that an absent `think` may default to
   * on as Ollama's does (src/core/admission.ts `withThinkDefault`). Absent: the protocol always sends it.
   */
  hasThinkingSwitch?(context: ProtocolContext): boolean
  /**
   * The stop strings of `stops` this upstream is sent (its limit on their number, kinds it refuses); the request
   * builders send exactly these, and the service enforces the rest while streaming (src/core/stop-cutter.ts).
   * Absent: all of them.
   */
  sentStops?(stops: readonly string[], context: ProtocolContext): readonly string[]
  /** A fresh stateful mapper for one upstream stream. */
  createStreamMapper(): StreamMapper
  /** A readable message from an upstream error body (JSON or text). */
  readErrorMessage(body: string): string | undefined
  /**
   * The HTTP status our client gets for this upstream's error answer (`upstreamStatus`, and `message` from
   * `readErrorMessage`), for the answers only this protocol words its own way (a 400 that means an unknown
   * model, say); undefined leaves it to the generic rule (src/upstream/upstream-error.ts `clientStatusFor`).
   */
  classifyError?(upstreamStatus: number, message: string): number | undefined
  /**
   * Whether this upstream's error answer (`upstreamStatus`, `message` from `readErrorMessage`) says, in the
   * provider's own words, that the model does not exist; the client then gets Ollama's 404 `model 'NAME' not
   * found` for the name it sent. Absent: no answer of this upstream is read that way.
   */
  isUnknownModel?(upstreamStatus: number, message: string): boolean
  /** The non-streamed request that embeds one batch of inputs; absent when the upstream has no embeddings API. */
  buildEmbedRequest?(inputs: readonly string[], options: EmbedOptions, context: ProtocolContext): UpstreamHttpRequest
  /**
   * The upstream embeds an empty text (Ollama does). Otherwise (OpenAI-style APIs, Gemini refuse it and fail the
   * whole batch) an empty input is never sent and answers a zero vector (plugins/embedding.ts).
   */
  readonly embedsEmptyText?: boolean
  /** Vectors in input order and token usage from an embedding answer; throws when the answer is malformed. */
  readEmbedResponse?(body: unknown, inputCount: number): EmbedBatchResult
  /**
   * The non-streamed request that counts the input tokens of a chat request as the provider itself counts them
   * (Anthropic's count_tokens, Gemini's countTokens); absent when the upstream has no counting API.
   */
  buildCountTokensRequest?(request: NormalisedChatRequest, context: ProtocolContext): UpstreamHttpRequest
  /** The input token count from a counting answer; throws when the answer holds none. Required with `buildCountTokensRequest`. */
  readCountTokensResponse?(body: unknown): number
  /** How the upstream frames its stream: SSE (the default) or one JSON object per line (Ollama). */
  readonly framing?: StreamFraming
  /**
   * The provider's own model list, read with `get` (every page of it); throws when the list cannot be read or makes
   * no sense. Absent: the upstream has no model list. Read in the background at start and on every refresh
   * (plugins/model-lists.ts).
   */
  listModels?(get: ListGet): Promise<ListedModel[]>
}

export type StreamFraming = 'sse' | 'ndjson'
