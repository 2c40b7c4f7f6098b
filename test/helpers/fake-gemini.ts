/**
 * A fake Gemini API speaking the real wire format: POST /v1beta/models/{model}:streamGenerateContent?alt=sse
 * answered with `data:` GenerateContentResponse chunks (CRLF-framed, no end sentinel, cumulative usage).
 * The scenario is chosen by model name: `*thinking*`, `*tools*`, `*length*`, `*blocked*`, `*error-event*`,
 * `*truncated*`, `*400*` (invalid key), `*429*` (quota), `*thinking-tools*` (a thought, then a signed call; after a
 * functionResponse, a thought and the answer). POST /v1beta/models/{model}:countTokens answers `{totalTokens}`.
 * POST /v1beta/models/{model}:batchEmbedContents answers `{embeddings: [{values}]}` in request order and, like
 * Gemini, rejects more than 100 requests or a request naming another model with a 400; an input `invalid-key`
 * or `quota` fails the batch with the 400 or 429 of the chat scenarios.
 */
import type { ServerResponse } from 'node:http'
import { fakeEmbedding } from './fake-embeddings.js'
import { startFakeServer, type FakeModelList, type FakeServer, type RecordedRequest } from './fake-server.js'

export const GEMINI_FAKE_MODELS = ['fake-text', 'fake-thinking', 'fake-tools', 'fake-thinking-tools', 'fake-length', 'fake-blocked', 'fake-error-event', 'fake-truncated', 'fake-400', 'fake-429']
export const FAKE_THOUGHT_SIGNATURE = 'CiQB0e2Kb0fakeThoughtSignature'
export const GEMINI_AFTER_TOOLS_TEXT = 'Sunny in Tokyo, says Gemini.'
export const GEMINI_COUNTED_TOKENS = 1717

type Chunk = Record<string, unknown>

const sse = (chunk: Chunk): string => `data: ${JSON.stringify(chunk)}\r\n\r\n`

function chunk (parts: Chunk[], finishReason?: string, usage?: Chunk): Chunk {
  return {
    candidates: [{ content: { parts, role: 'model' }, ...(finishReason === undefined ? {} : { finishReason }), index: 0 }],
    ...(usage === undefined ? {} : { usageMetadata: usage }),
    modelVersion: 'gemini-fake',
    responseId: 'resp-1'
  }
}

/** The log probability of every chosen token in the fake's answers; alternative i (from 1) has `-(i + 1)`. */
export const GEMINI_FAKE_LOGPROB = -0.25

/**
 * A chunk as Gemini streams it with `generationConfig.responseLogprobs`: the candidate's `logprobsResult` has one
 * chosen candidate per token of this chunk's non-thought text (one token per part here) and, with `logprobs: n`,
 * that many top candidates per step (the chosen one first); tokenIds are made up.
 */
function withLogprobs (piece: Chunk, body: Record<string, unknown>): Chunk {
  const config = body.generationConfig as { responseLogprobs?: unknown, logprobs?: unknown } | undefined
  const candidates = piece.candidates as Array<{ content?: { parts?: Array<{ text?: string, thought?: boolean }> } }> | undefined
  if (config?.responseLogprobs !== true || candidates === undefined) return piece
  const top = typeof config.logprobs === 'number' ? config.logprobs : 0
  return {
    ...piece,
    candidates: candidates.map((candidate) => {
      const tokens = (candidate.content?.parts ?? []).filter((part) => typeof part.text === 'string' && part.thought !== true).map((part) => part.text as string)
      const chosen = tokens.map((token, index) => ({ token, tokenId: 1000 + index, logProbability: GEMINI_FAKE_LOGPROB }))
      const topCandidates = chosen.map((entry) => ({
        candidates: [entry, ...Array.from({ length: Math.max(0, top - 1) }, (_, index) => ({ token: `alt${index + 1}`, tokenId: 2000 + index, logProbability: -(index + 2) }))].slice(0, top)
      }))
      return { ...candidate, logprobsResult: { topCandidates, chosenCandidates: chosen, logProbabilitySum: GEMINI_FAKE_LOGPROB * chosen.length } }
    })
  }
}

function endsWithFunctionResponse (body: Record<string, unknown>): boolean {
  const last = (Array.isArray(body.contents) ? body.contents : []).at(-1) as { parts?: unknown[] } | undefined
  return (last?.parts ?? []).some((part) => typeof part === 'object' && part !== null && 'functionResponse' in part)
}

export function geminiScenario (model: string, body: Record<string, unknown> = {}): Chunk[] {
  if (model.includes('thinking-tools') && endsWithFunctionResponse(body)) {
    return [
      chunk([{ text: 'The tool answered.', thought: true }]),
      chunk([{ text: GEMINI_AFTER_TOOLS_TEXT }], 'STOP', { promptTokenCount: 30, candidatesTokenCount: 7, thoughtsTokenCount: 3, totalTokenCount: 40 })
    ]
  }
  if (model.includes('thinking-tools')) {
    return [
      chunk([{ text: 'I need the weather tool.', thought: true }]),
      chunk([{ functionCall: { name: 'get_weather', args: { city: 'Tokyo' } }, thoughtSignature: FAKE_THOUGHT_SIGNATURE }], 'STOP', { promptTokenCount: 25, candidatesTokenCount: 8, thoughtsTokenCount: 5, totalTokenCount: 38 })
    ]
  }
  if (model.includes('thinking')) {
    return [
      chunk([{ text: 'Let me think. ', thought: true }], undefined, { promptTokenCount: 8, thoughtsTokenCount: 4, totalTokenCount: 12 }),
      chunk([{ text: 'Done thinking.', thought: true }]),
      chunk([{ text: 'The answer is 4.' }], 'STOP', { promptTokenCount: 8, candidatesTokenCount: 5, thoughtsTokenCount: 6, totalTokenCount: 19 })
    ]
  }
  if (model.includes('tools')) {
    return [
      chunk([
        { functionCall: { name: 'get_weather', args: { city: 'Tokyo' } }, thoughtSignature: FAKE_THOUGHT_SIGNATURE },
        { functionCall: { name: 'get_time', args: {} } }
      ], 'STOP', { promptTokenCount: 20, candidatesTokenCount: 10, totalTokenCount: 30 })
    ]
  }
  if (model.includes('length')) return [chunk([{ text: 'Cut' }], 'MAX_TOKENS', { promptTokenCount: 3, candidatesTokenCount: 1 })]
  if (model.includes('blocked')) return [{ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 } }]
  return [
    chunk([{ text: 'Hello' }], undefined, { promptTokenCount: 12, candidatesTokenCount: 1, totalTokenCount: 13 }),
    chunk([{ text: ' world' }], undefined, { promptTokenCount: 12, candidatesTokenCount: 2, totalTokenCount: 14 }),
    chunk([{ text: '!' }], 'STOP', { promptTokenCount: 12, candidatesTokenCount: 3, totalTokenCount: 15 })
  ]
}

function errorAnswer (response: ServerResponse, code: number): void {
  const error = code === 400
    ? { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }] }
    : { code: 429, message: 'You exceeded your current quota, please check your plan and billing details.', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '58s' }] }
  response.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' })
  response.end(JSON.stringify({ error }))
}

/** gemini-embedding-001's full vector length, used when the request names no outputDimensionality. */
export const GEMINI_EMBEDDING_LENGTH = 3072
/** Most requests one batchEmbedContents call may carry. */
export const GEMINI_EMBED_BATCH_LIMIT = 100

function invalidArgument (response: ServerResponse, message: string): void {
  response.writeHead(400, { 'content-type': 'application/json; charset=UTF-8' })
  response.end(JSON.stringify({ error: { code: 400, message, status: 'INVALID_ARGUMENT' } }))
}

function answerBatchEmbed (call: RecordedRequest, model: string, response: ServerResponse): void {
  const requests = call.body.requests
  if (!Array.isArray(requests)) return invalidArgument(response, 'Invalid JSON payload received. Unknown name "input": Cannot find field.')
  if (requests.length > GEMINI_EMBED_BATCH_LIMIT) {
    return invalidArgument(response, `* BatchEmbedContentsRequest.requests: at most ${GEMINI_EMBED_BATCH_LIMIT} requests can be in one batch\n`)
  }
  const texts: string[] = []
  for (const [index, request] of (requests as Array<Record<string, unknown>>).entries()) {
    if (request.model !== `models/${model}`) {
      return invalidArgument(response, `* BatchEmbedContentsRequest.model: unexpected model name format\n* BatchEmbedContentsRequest.requests[${index}].model: unexpected model name format\n`)
    }
    const parts = (request.content as { parts?: Array<{ text?: unknown }> } | undefined)?.parts
    texts.push(parts?.map((part) => String(part.text ?? '')).join('') ?? '')
  }
  if (texts.includes('invalid-key')) return errorAnswer(response, 400)
  if (texts.includes('quota')) return errorAnswer(response, 429)
  const dimensions = (requests[0] as { outputDimensionality?: unknown }).outputDimensionality
  const length = typeof dimensions === 'number' ? dimensions : GEMINI_EMBEDDING_LENGTH
  response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' })
  // No usage metadata: the Gemini API reports no token counts for embeddings.
  response.end(JSON.stringify({ embeddings: texts.map((text) => ({ values: fakeEmbedding(text, length) })) }))
}

/** Entries per page of the fake's `GET /v1beta/models`, small so that paging is always exercised. */
const LIST_PAGE_SIZE = 2

export async function startFakeGemini (): Promise<FakeServer & FakeModelList> {
  const list: FakeModelList = { listed: [], listFailure: undefined }
  const server = await startFakeServer(async (call, response) => {
    if (call.method === 'GET' && call.url.startsWith('/v1beta/models')) {
      const status = call.headers['x-goog-api-key'] === undefined ? 403 : list.listFailure ?? 200
      if (status !== 200) return errorAnswer(response, status)
      // Gemini's paging: the token is opaque to clients; here, the offset.
      const start = Number(new URL(call.url, 'http://fake').searchParams.get('pageToken') ?? '0')
      const models = list.listed.slice(start, start + LIST_PAGE_SIZE)
      const more = start + LIST_PAGE_SIZE < list.listed.length
      response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' })
      response.end(JSON.stringify({ models, ...(more ? { nextPageToken: String(start + LIST_PAGE_SIZE) } : {}) }))
      return
    }
    if (call.method === 'POST' && /^\/v1beta\/models\/[^/:]+:countTokens$/.test(call.url)) {
      response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' })
      response.end(JSON.stringify({ totalTokens: GEMINI_COUNTED_TOKENS, promptTokensDetails: [{ modality: 'TEXT', tokenCount: GEMINI_COUNTED_TOKENS }] }))
      return
    }
    const embed = /^\/v1beta\/models\/([^/:]+):batchEmbedContents$/.exec(call.url)
    if (call.method === 'POST' && embed !== null) return answerBatchEmbed(call, decodeURIComponent(embed[1] as string), response)
    const match = /^\/v1beta\/models\/([^/:]+):streamGenerateContent\?alt=sse$/.exec(call.url)
    if (call.method !== 'POST' || match === null) {
      response.writeHead(404, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ error: { code: 404, message: `not found: ${call.url}`, status: 'NOT_FOUND' } }))
      return
    }
    const model = decodeURIComponent(match[1] as string)
    const status = /fake-(\d{3})/.exec(model)
    if (status !== null) {
      errorAnswer(response, Number(status[1]))
      return
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'x-content-type-options': 'nosniff' })
    if (model.includes('error-event')) {
      response.write(sse(chunk([{ text: 'Hello' }])))
      response.end(sse({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } }))
      return
    }
    if (model.includes('truncated')) {
      response.end(sse(chunk([{ text: 'Hello' }])))
      return
    }
    for (const piece of geminiScenario(model, call.body)) response.write(sse(withLogprobs(piece, call.body)))
    response.end()
  }, (method, url) => method === 'GET' && url.startsWith('/v1beta/models'))
  return Object.assign(server, list)
}
