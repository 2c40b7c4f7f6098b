/**
 * A fake Anthropic Messages API speaking the real wire format: `event:`-named SSE (message_start,
 * content_block_*, message_delta, message_stop, ping, error). The scenario is chosen by model name:
 * `*thinking-tools*`, `*thinking*`, `*tools*`, `*error-event*`, `*truncated*`, `*slow*`, `*529*`, `*401*`, `*400*`.
 * `*thinking-tools*` answers a conversation ending in a tool_result with signed thinking and text, as a tool loop ends.
 * POST /v1/messages/count_tokens answers `{"input_tokens": COUNTED_INPUT_TOKENS}`, refusing the fields the real
 * endpoint calls extra inputs (max_tokens, stream, temperature).
 */
import type { ServerResponse } from 'node:http'
import { delay, startFakeServer, type FakeModelList, type FakeServer } from './fake-server.js'

export const ANTHROPIC_FAKE_MODELS = ['fake-text', 'fake-thinking', 'fake-tools', 'fake-thinking-tools', 'fake-error-event', 'fake-truncated', 'fake-slow', 'fake-529', 'fake-401', 'fake-400']
export const FAKE_SIGNATURE = 'EqQBCkgIARABGAIiQL2signature'
export const AFTER_TOOL_RESULT_TEXT = 'Sunny in Tokyo.'
export const COUNTED_INPUT_TOKENS = 4242

type Event = Record<string, unknown> & { type: string }

const sse = (event: Event): string => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`

const start = (inputTokens: number): Event => ({
  type: 'message_start',
  message: { id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-fake', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 2, output_tokens: 1 } }
})
const textBlock = (index: number, pieces: string[]): Event[] => [
  { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
  ...pieces.map((text) => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } })),
  { type: 'content_block_stop', index }
]
const thinkingBlock = (index: number, pieces: string[]): Event[] => [
  { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } },
  ...pieces.map((thinking) => ({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } })),
  { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: FAKE_SIGNATURE } },
  { type: 'content_block_stop', index }
]
const toolBlock = (index: number, id: string, name: string, jsonPieces: string[]): Event[] => [
  { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name, input: {} } },
  ...jsonPieces.map((piece) => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } })),
  { type: 'content_block_stop', index }
]
const end = (stopReason: string, outputTokens: number): Event[] => [
  { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } },
  { type: 'message_stop' }
]

/** Whether the conversation's last turn carries tool results: the model then answers the question. */
function endsWithToolResult (body: Record<string, unknown>): boolean {
  const last = (Array.isArray(body.messages) ? body.messages : []).at(-1) as { role?: string, content?: unknown } | undefined
  return last?.role === 'user' && Array.isArray(last.content) && last.content.some((block) => (block as { type?: string }).type === 'tool_result')
}

export function anthropicScenario (model: string, body: Record<string, unknown> = {}): Event[] {
  if (model.includes('thinking-tools') && endsWithToolResult(body)) {
    return [start(40), ...thinkingBlock(0, ['The tool says sunny.']), ...textBlock(1, [AFTER_TOOL_RESULT_TEXT]), ...end('end_turn', 12)]
  }
  if (model.includes('thinking-tools')) {
    return [start(20), ...thinkingBlock(0, ['I should call ', 'the weather tool.']), ...toolBlock(1, 'toolu_01A', 'get_weather', ['{"city":', ' "Tokyo"}']), ...end('tool_use', 30)]
  }
  if (model.includes('thinking')) return [start(10), { type: 'ping' }, ...thinkingBlock(0, ['Let me think. ', 'Done thinking.']), ...textBlock(1, ['The answer ', 'is 4.']), ...end('end_turn', 9)]
  if (model.includes('tools')) {
    return [start(15), ...textBlock(0, ['Checking.']), ...toolBlock(1, 'toolu_01A', 'get_weather', ['', '{"city": "Tok', 'yo"}']), ...toolBlock(2, 'toolu_01B', 'get_time', []), ...end('tool_use', 25)]
  }
  if (model.includes('length')) return [start(5), ...textBlock(0, ['Cut']), ...end('max_tokens', 1)]
  return [start(10), { type: 'ping' }, ...textBlock(0, ['Hello', ' world', '!']), ...end('end_turn', 3)]
}

function errorBody (type: string, message: string): string {
  return JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_011' })
}

async function answer (model: string, response: ServerResponse, gone: () => boolean, body: Record<string, unknown>): Promise<void> {
  const status = /fake-(\d{3})/.exec(model)
  if (status !== null) {
    const code = Number(status[1])
    const [type, message] = code === 529 ? ['overloaded_error', 'Overloaded'] : code === 401 ? ['authentication_error', 'invalid x-api-key'] : ['invalid_request_error', 'messages: text content blocks must be non-empty']
    response.writeHead(code, { 'content-type': 'application/json', 'request-id': 'req_011' })
    response.end(errorBody(type as string, message as string))
    return
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  if (model.includes('error-event')) {
    response.write(sse(start(10)) + textBlock(0, ['Hello']).slice(0, 2).map(sse).join(''))
    await delay(10)
    response.end(sse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }))
    return
  }
  if (model.includes('truncated')) {
    response.end(sse(start(10)) + textBlock(0, ['Hello']).slice(0, 2).map(sse).join(''))
    return
  }
  if (model.includes('slow')) {
    response.write(sse(start(10)) + sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }))
    for (let index = 0; index < 2000 && !gone(); index++) {
      response.write(sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `token${index} ` } }))
      await delay(10)
    }
    response.end(end('end_turn', 2000).map(sse).join(''))
    return
  }
  for (const event of anthropicScenario(model, body)) response.write(sse(event))
  response.end()
}

/** Entries per page of the fake's `GET /v1/models`, small so that paging is always exercised. */
const LIST_PAGE_SIZE = 2

export async function startFakeAnthropic (): Promise<FakeServer & FakeModelList> {
  const list: FakeModelList = { listed: [], listFailure: undefined }
  const server = await startFakeServer(async (call, response, gone) => {
    if (call.method === 'GET' && call.url.startsWith('/v1/models')) {
      const signed = call.headers['x-api-key'] !== undefined && call.headers['anthropic-version'] !== undefined
      const status = signed ? list.listFailure ?? 200 : 401
      response.writeHead(status, { 'content-type': 'application/json' })
      if (status !== 200) {
        response.end(errorBody(status === 401 ? 'authentication_error' : 'api_error', `list failure ${status}`))
        return
      }
      // Anthropic's paging: `after_id` is the last id of the page before.
      const after = new URL(call.url, 'http://fake').searchParams.get('after_id')
      const start = after === null ? 0 : list.listed.findIndex((entry) => entry.id === after) + 1
      const data = list.listed.slice(start, start + LIST_PAGE_SIZE)
      const hasMore = start + LIST_PAGE_SIZE < list.listed.length
      response.end(JSON.stringify({ data, has_more: hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null }))
      return
    }
    if (call.method === 'POST' && call.url === '/v1/messages/count_tokens') {
      const extra = ['max_tokens', 'stream', 'temperature'].find((field) => field in call.body)
      response.writeHead(extra === undefined ? 200 : 400, { 'content-type': 'application/json', 'request-id': 'req_012' })
      response.end(extra === undefined ? JSON.stringify({ input_tokens: COUNTED_INPUT_TOKENS }) : errorBody('invalid_request_error', `${extra}: Extra inputs are not permitted`))
      return
    }
    if (call.method !== 'POST' || call.url !== '/v1/messages') {
      response.writeHead(404, { 'content-type': 'application/json' })
      response.end(errorBody('not_found_error', `Not found: ${call.url}`))
      return
    }
    await answer(String(call.body.model ?? ''), response, gone, call.body)
  }, (method, url) => method === 'GET' && url.startsWith('/v1/models'))
  return Object.assign(server, list)
}
