/** Model listing bodies: `/api/version`, `/api/tags`, `/api/show`, `/api/ps`. */
import { Type, type Static } from '@sinclair/typebox'

export const VersionResponseSchema = Type.Object({
  version: Type.String({ description: 'Numeric semver of the Ollama release this server behaves like' })
}, { $id: 'VersionResponse' })

export const ModelDetailsSchema = Type.Object({
  parent_model: Type.String(),
  format: Type.String(),
  family: Type.String(),
  families: Type.Union([Type.Array(Type.String()), Type.Null()]),
  parameter_size: Type.String(),
  quantization_level: Type.String(),
  context_length: Type.Optional(Type.Integer()),
  embedding_length: Type.Optional(Type.Integer())
}, { $id: 'ModelDetails' })

export const CapabilitiesSchema = Type.Array(Type.String(), { description: 'completion, tools, thinking, vision, embedding, insert' })

export const ListedModelSchema = Type.Object({
  name: Type.String(),
  model: Type.String(),
  modified_at: Type.String({ format: 'date-time' }),
  size: Type.Integer(),
  digest: Type.String(),
  details: Type.Ref(ModelDetailsSchema),
  capabilities: Type.Optional(CapabilitiesSchema)
}, { $id: 'ListedModel' })

export const TagsResponseSchema = Type.Object({
  models: Type.Array(Type.Ref(ListedModelSchema))
}, { $id: 'TagsResponse' })

export const ShowRequestSchema = Type.Object({
  model: Type.Optional(Type.String()),
  name: Type.Optional(Type.String({ description: 'Legacy spelling of model' })),
  verbose: Type.Optional(Type.Boolean()),
  system: Type.Optional(Type.String()),
  template: Type.Optional(Type.String()),
  options: Type.Optional(Type.Unknown())
}, { $id: 'ShowRequest' })

export type ShowRequest = Static<typeof ShowRequestSchema>

export const ShowResponseSchema = Type.Object({
  modelfile: Type.Optional(Type.String()),
  parameters: Type.Optional(Type.String()),
  template: Type.Optional(Type.String()),
  system: Type.Optional(Type.String()),
  details: Type.Ref(ModelDetailsSchema),
  messages: Type.Optional(Type.Array(Type.Object({ role: Type.String(), content: Type.String() }), { description: 'A model\'s own conversation, put before every chat' })),
  model_info: Type.Record(Type.String(), Type.Unknown()),
  capabilities: CapabilitiesSchema,
  modified_at: Type.String({ format: 'date-time' })
}, { $id: 'ShowResponse' })

export const RunningModelSchema = Type.Object({
  name: Type.String(),
  model: Type.String(),
  size: Type.Integer(),
  digest: Type.String(),
  details: Type.Ref(ModelDetailsSchema),
  expires_at: Type.String({ format: 'date-time' }),
  size_vram: Type.Integer(),
  context_length: Type.Integer()
}, { $id: 'RunningModel' })

export const PsResponseSchema = Type.Object({
  models: Type.Array(Type.Ref(RunningModelSchema))
}, { $id: 'PsResponse' })
