/**
 * The fake upstream's OpenAI-compatible `/embeddings`, shaped after DashScope: it rejects a batch
 * larger than the model's limit with DashScope's 400, and answers `data` in reverse order (with
 * `index`), so only a caller that orders by index gets the vectors right. Scenarios: by model name
 * (`raw-*` ignores `dimensions` and answers vectors that are not unit length, `short-*` one vector too few) and by input
 * (`boom` fails the batch with a 500, `stall` never answers). `flaky-<status|drop>-<n>-*` models fail
 * their first n calls (counted per model name) and then answer; `refuse-400-*` always answers a 400.
 */
import type { ServerResponse } from 'node:http'

/** Vector length when the request names no `dimensions`. */
export const FAKE_EMBEDDING_LENGTH = 8

/** Tokens the fake counts per input, so `prompt_eval_count` is predictable. */
export const FAKE_TOKENS_PER_INPUT = 3

/** DashScope's limits: 10 inputs for text-embedding-v3/v4, 25 for v1/v2; OpenAI's 2048 otherwise. */
export function fakeBatchLimit (model: string): number {
  if (/text-embedding-v[34]/.test(model)) return 10
  if (/text-embedding-v[12]/.test(model)) return 25
  return 2048
}

/** A deterministic unit vector that differs for every text. */
export function fakeEmbedding (text: string, dimensions: number = FAKE_EMBEDDING_LENGTH): number[] {
  let seed = 7
  for (const character of text) seed = (seed * 31 + (character.codePointAt(0) ?? 0)) % 1_000_003
  const vector = Array.from({ length: dimensions }, (_, position) => Math.sin(seed + position * 1.7))
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0))
  return vector.map((value) => value / norm)
}

function sendJson (response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

export async function answerEmbeddings (body: Record<string, unknown>, response: ServerResponse, callNumber = 1): Promise<void> {
  const model = String(body.model ?? '')
  if (model.includes('nonexistent') || model === 'nope') {
    // OpenAI's answer for a model it does not serve.
    sendJson(response, 404, { error: { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', param: null, code: 'model_not_found' } })
    return
  }
  const flaky = /^flaky-(\d{3}|drop)-(\d+)-/.exec(model)
  if (flaky !== null && callNumber <= Number(flaky[2])) {
    if (flaky[1] === 'drop') {
      response.socket?.destroy()
      return
    }
    const status = Number(flaky[1])
    response.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '1' } : {}) })
    response.end(JSON.stringify({ error: { message: `flaky embedding failure ${callNumber}`, type: 'server_error' } }))
    return
  }
  if (model.startsWith('refuse-400-')) {
    sendJson(response, 400, { error: { message: 'input is not valid for this model', type: 'invalid_request_error', param: 'input', code: null } })
    return
  }
  const inputs = typeof body.input === 'string' ? [body.input] : (body.input as unknown[] | undefined) ?? []
  const limit = fakeBatchLimit(model)
  if (inputs.length > limit) {
    sendJson(response, 400, {
      error: { code: 'invalid_parameter_error', param: null, message: `<400> InternalError.Algo.InvalidParameter: Value error, batch size is invalid, it should not be larger than ${limit}.: input.contents`, type: 'invalid_request_error' },
      request_id: 'fake-request'
    })
    return
  }
  if (inputs.includes('stall')) return // never answers; the caller must give up or abort
  if (inputs.includes('boom')) {
    sendJson(response, 500, { error: { message: 'embedding backend failed', type: 'server_error' } })
    return
  }
  const dimensions = typeof body.dimensions === 'number' && !model.startsWith('raw-') ? body.dimensions : FAKE_EMBEDDING_LENGTH
  const data = inputs.map((input, index) => {
    const vector = fakeEmbedding(String(input), dimensions)
    return { object: 'embedding', index, embedding: model.startsWith('raw-') ? vector.map((value) => value * 3) : vector }
  })
  if (model.startsWith('short-')) data.pop()
  const tokens = inputs.length * FAKE_TOKENS_PER_INPUT
  sendJson(response, 200, { object: 'list', data: data.reverse(), model, usage: { prompt_tokens: tokens, total_tokens: tokens } })
}
