/**
 * The usage files compiled against the clients generated from `/openapi.json` (generated-clients.test.ts).
 * They are sources as text: the root tsconfig would compile them without the generated code next to
 * them. Each exports `run(baseUrl, key)`, reads every value through the generated types, with no cast
 * and no `any`, and returns what it read as a typed `ClientReading` so the test can state the expected values.
 */

/** What both usage files return, declared in each so every value read must have the generated type it needs. */
const CLIENT_READING = `
interface ClientReading {
  root: string
  version: string
  tagged: boolean
  chatToolName: string | undefined
  chatToolCity: unknown
  chatDoneReason: 'stop' | 'length' | 'load' | 'unload' | undefined
  generated: string
  completionText: string
  completionToolArguments: string | undefined
  completionFinish: 'stop' | 'length' | 'tool_calls' | undefined
  totalTokens: number | undefined
  legacyText: string | undefined
  vectorLength: number
  base64Vector: boolean
  modelOwner: string | undefined
  messageText: string
  messageStop: 'end_turn' | 'max_tokens' | 'tool_use' | null | undefined
  missingStatus: number
  missingMessage: string | undefined
  anonymousStatus: number
  anonymousError: string | undefined
}
`

const shared = `${CLIENT_READING}const MESSAGES = [{ role: 'user', content: 'Weather in Tokyo?' }]
const TOOLS = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }]
`

/** openapi-typescript's `paths` and `components`, through openapi-fetch. */
export const OPENAPI_FETCH_USAGE = `
import createClient from 'openapi-fetch'
import type { components, paths } from './openapi-typescript.js'

type Schemas = components['schemas']
${shared}
export async function run (baseUrl: string, key: string): Promise<ClientReading> {
  const client = createClient<paths, 'application/json'>({ baseUrl, headers: { authorization: \`Bearer \${key}\` } })
  const root = await client.GET('/', { parseAs: 'text' })
  const version = await client.GET('/api/version')
  const tags = await client.GET('/api/tags')
  const chat = await client.POST('/api/chat', { body: { model: 'openai/fake-tools', messages: MESSAGES, tools: TOOLS, stream: false } })
  const call: Schemas['AnswerToolCall'] | undefined = chat.data?.message.tool_calls?.[0]
  const generate = await client.POST('/api/generate', { body: { model: 'openai/fake-text', prompt: 'Hello', stream: false } })
  const completion = await client.POST('/v1/chat/completions', { body: { model: 'openai/fake-tools', messages: MESSAGES, tools: TOOLS } })
  const choice = completion.data?.choices[0]
  const legacy = await client.POST('/v1/completions', { body: { model: 'openai/fake-text', prompt: 'Hello' } })
  const vectors = await client.POST('/v1/embeddings', { body: { model: 'openai/fake-embed', input: ['a', 'b'] } })
  const vector = vectors.data?.data[0]?.embedding
  const encoded = await client.POST('/v1/embeddings', { body: { model: 'openai/fake-embed', input: 'a', encoding_format: 'base64' } })
  const model = await client.GET('/v1/models/{model}', { params: { path: { model: 'openai/fake-text' } } })
  const message = await client.POST('/v1/messages', { body: { model: 'openai/fake-text', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] } })
  const block = message.data?.content[0]
  const missing = await client.POST('/v1/chat/completions', { body: { model: 'openai/nope', messages: MESSAGES } })
  // A 503 while the server closes has Fastify's flat body: the document says so, and the type makes us look.
  const missingError = missing.error?.error
  const anonymous = await createClient<paths>({ baseUrl }).GET('/api/tags')
  return {
    root: root.data ?? '',
    version: version.data?.version ?? '',
    tagged: (tags.data?.models ?? []).some((listed) => listed.name === 'openai/fake-text:latest' && listed.details.family === 'openai'),
    chatToolName: call?.function.name,
    chatToolCity: call?.function.arguments.city,
    chatDoneReason: chat.data?.done_reason,
    generated: generate.data?.response ?? '',
    completionText: choice?.message.content ?? '',
    completionToolArguments: choice?.message.tool_calls?.[0]?.function.arguments,
    completionFinish: choice?.finish_reason,
    totalTokens: completion.data?.usage.total_tokens,
    legacyText: legacy.data?.choices[0]?.text,
    vectorLength: typeof vector === 'string' || vector === undefined ? -1 : vector.length,
    base64Vector: typeof encoded.data?.data[0]?.embedding === 'string',
    // OpenAI's model object, or Anthropic's with anthropic-version: only the first has an owner.
    modelOwner: model.data !== undefined && 'owned_by' in model.data ? model.data.owned_by : undefined,
    messageText: block?.type === 'text' ? block.text : '',
    messageStop: message.data?.stop_reason,
    missingStatus: missing.response.status,
    missingMessage: typeof missingError === 'object' ? missingError.message : missingError,
    anonymousStatus: anonymous.response.status,
    anonymousError: anonymous.error?.error
  }
}
`

/** @hey-api/openapi-ts's SDK functions and types, on its bundled fetch client. */
export const HEY_API_USAGE = `
import { createClient } from './hey-api/client/index.js'
import {
  anthropicCreateMessage, chat, generate, getRoot, getVersion, listModels, openAiCreateChatCompletion, openAiCreateCompletion, openAiCreateEmbedding, openAiRetrieveModel
} from './hey-api/sdk.gen.js'
import type { AnswerToolCall, OpenAiChatCompletion } from './hey-api/types.gen.js'
${shared}
export async function run (baseUrl: string, key: string): Promise<ClientReading> {
  const client = createClient({ baseUrl, auth: () => key })
  const root = await getRoot({ client, parseAs: 'text' })
  const version = await getVersion({ client })
  const tags = await listModels({ client })
  const answer = await chat({ client, body: { model: 'openai/fake-tools', messages: MESSAGES, tools: TOOLS, stream: false } })
  const call: AnswerToolCall | undefined = answer.data?.message.tool_calls?.[0]
  const generated = await generate({ client, body: { model: 'openai/fake-text', prompt: 'Hello', stream: false } })
  const completion = await openAiCreateChatCompletion({ client, body: { model: 'openai/fake-tools', messages: MESSAGES, tools: TOOLS } })
  const choice: OpenAiChatCompletion['choices'][number] | undefined = completion.data?.choices[0]
  const legacy = await openAiCreateCompletion({ client, body: { model: 'openai/fake-text', prompt: 'Hello' } })
  const vectors = await openAiCreateEmbedding({ client, body: { model: 'openai/fake-embed', input: ['a', 'b'] } })
  const vector = vectors.data?.data[0]?.embedding
  const encoded = await openAiCreateEmbedding({ client, body: { model: 'openai/fake-embed', input: 'a', encoding_format: 'base64' } })
  const model = await openAiRetrieveModel({ client, path: { model: 'openai/fake-text' } })
  const message = await anthropicCreateMessage({ client, body: { model: 'openai/fake-text', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] } })
  const block = message.data?.content[0]
  const missing = await openAiCreateChatCompletion({ client, body: { model: 'openai/nope', messages: MESSAGES } })
  const missingError = missing.error?.error
  const anonymous = await listModels({ client: createClient({ baseUrl }) })
  return {
    root: root.data ?? '',
    version: version.data?.version ?? '',
    tagged: (tags.data?.models ?? []).some((listed) => listed.name === 'openai/fake-text:latest' && listed.details.family === 'openai'),
    chatToolName: call?.function.name,
    chatToolCity: call?.function.arguments.city,
    chatDoneReason: answer.data?.done_reason,
    generated: generated.data?.response ?? '',
    completionText: choice?.message.content ?? '',
    completionToolArguments: choice?.message.tool_calls?.[0]?.function.arguments,
    completionFinish: choice?.finish_reason,
    totalTokens: completion.data?.usage.total_tokens,
    legacyText: legacy.data?.choices[0]?.text,
    vectorLength: typeof vector === 'string' || vector === undefined ? -1 : vector.length,
    base64Vector: typeof encoded.data?.data[0]?.embedding === 'string',
    // OpenAI's model object, or Anthropic's with anthropic-version: only the first has an owner.
    modelOwner: model.data !== undefined && 'owned_by' in model.data ? model.data.owned_by : undefined,
    messageText: block?.type === 'text' ? block.text : '',
    messageStop: message.data?.stop_reason,
    missingStatus: missing.response?.status ?? 0,
    missingMessage: typeof missingError === 'object' ? missingError.message : missingError,
    anonymousStatus: anonymous.response?.status ?? 0,
    anonymousError: anonymous.error?.error
  }
}
`
