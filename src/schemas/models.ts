/** Model listing bodies: `/api/version`, `/api/tags`, `/api/show`, `/api/ps`. */
import { Type, type Static } from '@sinclair/typebox'

export const VersionResponseSchema = Type.Object({
  version: Type.String({ description: 'Numeric semver of the Ollama release this server behaves like' })
}, { $id: 'VersionResponse' })

export const StatusResponseSchema = Type.Object({
  cloud: Type.Object({
    disabled: Type.Boolean({ description: 'Always false: every model here runs at a provider, as Ollama\'s cloud models do' }),
    source: Type.String({ description: 'What disabled it, as Ollama says: always "none"' })
  })
}, { $id: 'StatusResponse', description: 'Ollama\'s cloud status (api/types.go StatusResponse), as the Ollama app reads it' })

export const ModelRecommendationSchema = Type.Object({
  model: Type.String({ description: 'A name clients can use as is (an alias from CONFIG_FILE)' }),
  description: Type.String({ description: 'The provider\'s model the alias points to, and the provider' }),
  context_length: Type.Optional(Type.Integer()),
  max_output_tokens: Type.Optional(Type.Integer())
}, { $id: 'ModelRecommendation' })

export const ModelRecommendationsResponseSchema = Type.Object({
  recommendations: Type.Array(Type.Ref(ModelRecommendationSchema))
}, { $id: 'ModelRecommendationsResponse', description: 'The operator\'s aliases from CONFIG_FILE, by name; empty without any' })

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

/** Where a model runs, as Ollama marks its cloud models (api/types.go); every model here runs at a provider. */
export const RemoteProperties = {
  remote_model: Type.String({ description: 'The provider\'s own id for the model, as sent upstream (e.g. qwen-max)' }),
  remote_host: Type.Optional(Type.String({ description: 'The provider\'s public origin (e.g. https://dashscope.aliyuncs.com); absent when the operator hides it (<ID>_REMOTE_HOST=none)' }))
}

/** The same pair on chat and generate answers: on every chunk but an unload answer, so optional there. */
export const AnswerRemoteProperties = {
  remote_model: Type.Optional(Type.String({ description: 'The provider\'s own id for the model; on every chunk except an unload answer' })),
  remote_host: RemoteProperties.remote_host
}

export const ListedModelSchema = Type.Object({
  name: Type.String(),
  model: Type.String(),
  ...RemoteProperties,
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
  license: Type.String({ description: 'Always empty: providers publish their terms elsewhere' }),
  modelfile: Type.String({ description: 'A Modelfile that rebuilds the model: FROM the name, plus a user model\'s SYSTEM, PARAMETER and MESSAGE lines' }),
  parameters: Type.String({ description: 'A user model\'s options, one `key value` line each; empty for a provider\'s model' }),
  template: Type.String({ description: 'Always empty: the provider applies its own chat template' }),
  system: Type.Optional(Type.String()),
  details: Type.Ref(ModelDetailsSchema),
  messages: Type.Optional(Type.Array(Type.Object({ role: Type.String(), content: Type.String() }), { description: 'A model\'s own conversation, put before every chat' })),
  ...RemoteProperties,
  model_info: Type.Record(Type.String(), Type.Unknown()),
  capabilities: CapabilitiesSchema,
  modified_at: Type.String({ format: 'date-time', description: 'A user model\'s creation time; else the provider list\'s date, or the server\'s start' })
}, { $id: 'ShowResponse', description: 'No `requires`: as in Ollama it is left out when no minimum version applies, and none does here' })

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
