/**
 * Shares the `$id` schemas and generates the OpenAPI 3 document from the routes' TypeBox schemas:
 * `/openapi.json`, with an interactive page at `/docs`. @see https://github.com/fastify/fastify-swagger
 */
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { ChatRequestSchema, ChatResponseSchema } from '../src/schemas/chat.js'
import { ErrorBodySchema, FormatSchema, KeepAliveSchema, MessageSchema, OptionsSchema, ThinkSchema, ToolCallSchema, ToolSchema } from '../src/schemas/common.js'
import { EmbeddingsRequestSchema, EmbeddingsResponseSchema, EmbedRequestSchema, EmbedResponseSchema } from '../src/schemas/embed.js'
import { GenerateRequestSchema, GenerateResponseSchema } from '../src/schemas/generate.js'
import { CopyRequestSchema, CreateRequestSchema, DeleteRequestSchema, ProgressResponseSchema, PullRequestSchema } from '../src/schemas/model-management.js'
import { ListedModelSchema, ModelDetailsSchema, PsResponseSchema, RunningModelSchema, ShowRequestSchema, ShowResponseSchema, TagsResponseSchema, VersionResponseSchema } from '../src/schemas/models.js'
import { OpenAiChatRequestSchema, OpenAiCompletionRequestSchema, OpenAiEmbeddingsRequestSchema, OpenAiErrorBodySchema, OpenAiMessageSchema, OpenAiModelListSchema, OpenAiModelSchema, OpenAiToolCallSchema } from '../src/schemas/openai.js'

const SHARED_SCHEMAS = [
  ErrorBodySchema, OptionsSchema, KeepAliveSchema, ThinkSchema, FormatSchema, ToolCallSchema, MessageSchema, ToolSchema,
  ChatRequestSchema, ChatResponseSchema, GenerateRequestSchema, GenerateResponseSchema,
  VersionResponseSchema, ModelDetailsSchema, ListedModelSchema, TagsResponseSchema, ShowRequestSchema, ShowResponseSchema,
  RunningModelSchema, PsResponseSchema,
  ProgressResponseSchema, PullRequestSchema, CreateRequestSchema, CopyRequestSchema, DeleteRequestSchema,
  OpenAiErrorBodySchema, OpenAiToolCallSchema, OpenAiMessageSchema, OpenAiChatRequestSchema, OpenAiCompletionRequestSchema,
  OpenAiEmbeddingsRequestSchema, OpenAiModelSchema, OpenAiModelListSchema,
  EmbedRequestSchema, EmbedResponseSchema, EmbeddingsRequestSchema, EmbeddingsResponseSchema
]

export default fp(async function openapi (fastify) {
  for (const schema of SHARED_SCHEMAS) fastify.addSchema(schema)
  await fastify.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'ollama-adapter',
        description: 'The Ollama REST API, answered by cloud model providers.',
        version: fastify.config.OLLAMA_VERSION
      },
      tags: [
        { name: 'server', description: 'Probes' },
        { name: 'models', description: 'Model listing' },
        { name: 'inference', description: 'Chat and generation' },
        { name: 'openai', description: 'OpenAI-compatible endpoints (/v1)' },
        { name: 'embeddings', description: 'Vectors from embedding models' }
      ]
    },
    // Keep each schema's $id as its component name, so generated clients get readable types.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`) }
  })
  await fastify.register(fastifySwaggerUi, { routePrefix: '/docs' })
  fastify.get('/openapi.json', { schema: { hide: true } }, async () => fastify.swagger())
}, { name: 'openapi', fastify: '5.x', dependencies: ['config'] })
