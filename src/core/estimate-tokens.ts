/**
 * Token estimates for what a provider did not count: a chat request's input (`/v1/messages/count_tokens` for providers
 * without a counting API) and embedding inputs (`prompt_eval_count` of `/api/embed`, which Ollama always reports, for
 * providers that report no usage, such as Gemini). They are estimates: each provider's model has its own tokenizer,
 * and this counts with OpenAI's o200k_base (the `gpt-tokenizer` package), plus fixed allowances for message framing
 * and images.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { NormalisedChatRequest } from './chat-request.js'

/** Tokens per image: Anthropic bills about width × height / 750, some 1,600 at its 1.15-megapixel cap. */
const IMAGE_TOKENS = 1600
/** Tokens each message and each tool definition costs beyond its text (role markers, separators). */
const FRAMING_TOKENS = 4
/** Text tokenised between two turns of the event loop, so a large prompt never blocks other answers for long. */
const SLICE_CHARACTERS = 16_384

type CountTokens = (text: string) => number
let loadedCounter: Promise<CountTokens> | undefined

/** The o200k_base ranks take a few megabytes: loaded on the first count only. */
async function counter (): Promise<CountTokens> {
  loadedCounter ??= import('gpt-tokenizer/encoding/o200k_base').then((module) => module.countTokens as CountTokens)
  return await loadedCounter
}

/** Every text the model reads: system, messages (content, thinking, tool calls), tool definitions. */
function * textPieces (chat: Pick<NormalisedChatRequest, 'messages' | 'tools'>): Generator<string> {
  for (const message of chat.messages) {
    yield message.role
    yield message.content
    if (message.thinking !== undefined) yield message.thinking
    for (const call of message.toolCalls ?? []) {
      yield call.name
      yield JSON.stringify(call.arguments)
    }
  }
  for (const tool of chat.tools ?? []) {
    yield tool.name
    if (tool.description !== undefined) yield tool.description
    if (tool.parameters !== undefined) yield JSON.stringify(tool.parameters)
  }
}

function allowances (chat: Pick<NormalisedChatRequest, 'messages' | 'tools'>): number {
  const images = chat.messages.reduce((count, message) => count + (message.images?.length ?? 0), 0)
  return images * IMAGE_TOKENS + (chat.messages.length + (chat.tools?.length ?? 0)) * FRAMING_TOKENS
}

/** Tokens counted with o200k_base, in slices that yield to the event loop; at least 1 for a non-empty request. */
export async function estimateInputTokens (chat: Pick<NormalisedChatRequest, 'messages' | 'tools'>): Promise<number> {
  const tokens = allowances(chat) + await countPieces(textPieces(chat))
  return Math.max(tokens, chat.messages.length > 0 ? 1 : 0)
}

/**
 * Tokens of embedding inputs counted with o200k_base: at least 1 per input, as a model's own tokenizer adds its
 * start and end markers even to an empty text.
 * @param inputs the texts, in any order; the count is their sum
 */
export async function estimateTextTokens (inputs: readonly string[]): Promise<number> {
  return await countPieces(inputs) + inputs.filter((input) => input === '').length
}

async function countPieces (pieces: Iterable<string>): Promise<number> {
  const countTokens = await counter()
  let tokens = 0
  let sinceYield = 0
  for (const piece of pieces) {
    for (const slice of slices(piece)) {
      tokens += countTokens(slice)
      sinceYield += slice.length
      if (sinceYield >= SLICE_CHARACTERS) {
        sinceYield = 0
        await yieldToEventLoop()
      }
    }
  }
  return tokens
}

/** A long text in slices cut at whitespace (a cut inside a word would count it as two). */
function * slices (text: string): Generator<string> {
  let start = 0
  while (text.length - start > SLICE_CHARACTERS) {
    const space = text.lastIndexOf(' ', start + SLICE_CHARACTERS)
    const end = space > start ? space : start + SLICE_CHARACTERS
    yield text.slice(start, end)
    start = end
  }
  yield text.slice(start)
}

/** A cheap estimate (four characters a token, as Ollama's layer uses) for `message_start`, before the upstream's count. */
export function roughInputTokens (chat: Pick<NormalisedChatRequest, 'messages' | 'tools'>): number {
  let characters = 0
  for (const piece of textPieces(chat)) characters += piece.length
  return Math.max(Math.floor(characters / 4) + allowances(chat), chat.messages.length > 0 ? 1 : 0)
}
