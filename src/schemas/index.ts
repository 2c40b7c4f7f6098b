/** Every `$id` schema, registered once with `fastify.addSchema` (plugins/openapi.ts) so routes can `Type.Ref` them. */
import type { TSchema } from '@sinclair/typebox'
import { ServerClosingBodySchema } from './answer-schemas.js'
import {
  AnthropicContentBlockSchema, AnthropicCountTokensRequestSchema, AnthropicCountTokensSchema, AnthropicErrorBodySchema, AnthropicMessageSchema,
  AnthropicMessagesRequestSchema, AnthropicModelListSchema, AnthropicModelSchema, AnthropicStreamEventSchema, AnthropicUsageSchema,
  OpenAiOrAnthropicErrorBodySchema
} from './anthropic.js'
import { ChatRequestSchema, ChatResponseSchema } from './chat.js'
import { AnswerToolCallSchema, ErrorBodySchema, FormatSchema, KeepAliveSchema, LogprobSchema, MessageSchema, OptionsSchema, ThinkSchema, ToolCallSchema, ToolSchema } from './common.js'
import { EmbeddingsRequestSchema, EmbeddingsResponseSchema, EmbedRequestSchema, EmbedResponseSchema } from './embed.js'
import { GenerateChunkSchema, GenerateRequestSchema, GenerateResponseSchema } from './generate.js'
import { HealthStatusSchema } from './health.js'
import { CopyRequestSchema, CreateRequestSchema, DeleteRequestSchema, ProgressResponseSchema, PullRequestSchema } from './model-management.js'
import { ListedModelSchema, ModelDetailsSchema, PsResponseSchema, RunningModelSchema, ShowRequestSchema, ShowResponseSchema, TagsResponseSchema, VersionResponseSchema } from './models.js'
import { OpenAiChatRequestSchema, OpenAiCompletionRequestSchema, OpenAiEmbeddingsRequestSchema, OpenAiErrorBodySchema, OpenAiMessageSchema, OpenAiMessageToolCallSchema } from './openai.js'
import {
  OpenAiAnswerToolCallSchema, OpenAiChatCompletionChunkSchema, OpenAiChatCompletionSchema, OpenAiEmbeddingListSchema, OpenAiModelListSchema,
  OpenAiModelSchema, OpenAiTextCompletionChunkSchema, OpenAiTextCompletionSchema, OpenAiUsageSchema
} from './openai-answers.js'
import { ResponsesResponseSchema, ResponsesStreamEventSchema } from './responses.js'

/** Grouped by file; a new dialect adds its own line (and its tag to OPENAPI_TAGS when it has a new one). */
export const SHARED_SCHEMAS: readonly TSchema[] = [
  ServerClosingBodySchema, HealthStatusSchema,
  ErrorBodySchema, OptionsSchema, KeepAliveSchema, ThinkSchema, FormatSchema, ToolCallSchema, AnswerToolCallSchema, LogprobSchema, MessageSchema, ToolSchema,
  ChatRequestSchema, ChatResponseSchema, GenerateRequestSchema, GenerateResponseSchema, GenerateChunkSchema,
  EmbedRequestSchema, EmbedResponseSchema, EmbeddingsRequestSchema, EmbeddingsResponseSchema,
  VersionResponseSchema, ModelDetailsSchema, ListedModelSchema, TagsResponseSchema, ShowRequestSchema, ShowResponseSchema, RunningModelSchema, PsResponseSchema,
  ProgressResponseSchema, PullRequestSchema, CreateRequestSchema, CopyRequestSchema, DeleteRequestSchema,
  OpenAiErrorBodySchema, OpenAiMessageToolCallSchema, OpenAiMessageSchema, OpenAiChatRequestSchema, OpenAiCompletionRequestSchema, OpenAiEmbeddingsRequestSchema,
  OpenAiUsageSchema, OpenAiAnswerToolCallSchema, OpenAiChatCompletionSchema, OpenAiChatCompletionChunkSchema,
  OpenAiTextCompletionSchema, OpenAiTextCompletionChunkSchema, OpenAiEmbeddingListSchema, OpenAiModelSchema, OpenAiModelListSchema,
  AnthropicErrorBodySchema, OpenAiOrAnthropicErrorBodySchema, AnthropicMessagesRequestSchema, AnthropicCountTokensRequestSchema,
  AnthropicContentBlockSchema, AnthropicUsageSchema, AnthropicMessageSchema, AnthropicStreamEventSchema, AnthropicCountTokensSchema,
  AnthropicModelSchema, AnthropicModelListSchema,
  ResponsesResponseSchema, ResponsesStreamEventSchema
]

/** The document's tags: Ollama's API by area, every other dialect under its own name. */
export const OPENAPI_TAGS = [
  { name: 'server', description: 'Probes: the text clients look for, the version, health' },
  { name: 'models', description: 'Listing, showing and managing models' },
  { name: 'inference', description: 'Chat and generation (Ollama API)' },
  { name: 'embeddings', description: 'Vectors from embedding models (Ollama API)' },
  { name: 'openai', description: 'OpenAI-compatible endpoints (/v1), as Ollama serves them' },
  { name: 'anthropic', description: 'Anthropic Messages (/v1/messages) for Claude Code and the Anthropic SDKs; /v1/models in its shape' }
]
