/** The optional configuration file (CONFIG_FILE, YAML or JSON): model aliases and OpenAI-compatible servers. */
import { Type, type Static } from '@sinclair/typebox'
import { CAPABILITIES } from '../core/capabilities.js'
import { THINKING_CONTROLS } from '../../providers/protocols/openai-compatible/quirks.js'
import { OptionsSchema } from '../schemas/common.js'

const CapabilitySchema = Type.Union(CAPABILITIES.map((capability) => Type.Literal(capability)))

export const ConfigAliasSchema = Type.Union([
  Type.String({ minLength: 1, description: 'Shorthand: the target name alone' }),
  Type.Object({
    target: Type.String({ minLength: 1, description: 'Any servable name: provider/model, or another alias' }),
    system: Type.Optional(Type.String({ description: 'System prompt used when a request brings none' })),
    options: Type.Optional(OptionsSchema),
    fallbacks: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Names tried in order when the target fails' }))
  }, { additionalProperties: false })
], { $id: 'ConfigAlias' })

export const ConfigServerModelSchema = Type.Union([
  Type.String({ minLength: 1, description: 'Shorthand: a model id with the server\'s default capabilities' }),
  Type.Object({
    id: Type.String({ minLength: 1 }),
    capabilities: Type.Optional(Type.Array(CapabilitySchema, { minItems: 1 })),
    contextLength: Type.Optional(Type.Integer({ minimum: 1 })),
    family: Type.Optional(Type.String({ minLength: 1 })),
    embeddingBatchSize: Type.Optional(Type.Integer({ minimum: 1 }))
  }, { additionalProperties: false })
], { $id: 'ConfigServerModel' })

export const ConfigServerSchema = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Provider id and model-name prefix (`local-vllm/Qwen/Qwen3-8B`)' }),
  displayName: Type.Optional(Type.String()),
  baseUrl: Type.String({ pattern: '^https?://', description: 'OpenAI-compatible base URL, usually ending in /v1' }),
  apiKey: Type.Optional(Type.String({ description: 'Sent as a bearer token; omit for servers without auth' })),
  models: Type.Array(ConfigServerModelSchema, { minItems: 1 }),
  capabilities: Type.Optional(Type.Array(CapabilitySchema, { minItems: 1, description: 'Default for models given without their own' })),
  contextLength: Type.Optional(Type.Integer({ minimum: 1, description: 'Default for models given without their own' })),
  thinkingControl: Type.Optional(Type.Union(THINKING_CONTROLS.map((control) => Type.Literal(control)), { description: 'How the server switches reasoning (default none)' })),
  streamUsageOption: Type.Optional(Type.Boolean({ description: 'Whether the server honours stream_options.include_usage (default true)' }))
}, { $id: 'ConfigServer', additionalProperties: false })

const KeyLimitFields = {
  requestsPerMinute: Type.Optional(Type.Integer({ minimum: 1, description: 'Requests one client key may make per minute (fixed one-minute windows)' })),
  tokensPerDay: Type.Optional(Type.Integer({ minimum: 1, description: 'Prompt plus completion tokens (the upstream\'s usage) one client key may use per UTC day' }))
}

export const ConfigKeyLimitSchema = Type.Object({
  key: Type.String({ minLength: 1, description: 'The API_KEYS key this entry is for, or `sha256:<hex>` of it so the file holds no secret' }),
  ...KeyLimitFields
}, { $id: 'ConfigKeyLimit', additionalProperties: false })

export const ConfigLimitsSchema = Type.Object({
  ...KeyLimitFields,
  keys: Type.Optional(Type.Array(ConfigKeyLimitSchema, { description: 'Per-key limits replacing the defaults above, field by field' }))
}, {
  $id: 'ConfigLimits',
  additionalProperties: false,
  description: 'Per-client-key limits, applied when API_KEYS is set; shared by replicas through Redis (REDIS_URL), else counted per process'
})

export const ConfigFileSchema = Type.Object({
  aliases: Type.Optional(Type.Record(Type.String({ minLength: 1 }), ConfigAliasSchema, { description: 'Alias name -> target or preset' })),
  servers: Type.Optional(Type.Array(ConfigServerSchema)),
  limits: Type.Optional(ConfigLimitsSchema)
}, { $id: 'ConfigFile', additionalProperties: false })

export type ConfigAlias = Static<typeof ConfigAliasSchema>
export type ConfigServer = Static<typeof ConfigServerSchema>
export type ConfigFile = Static<typeof ConfigFileSchema>
export type ConfigLimits = Static<typeof ConfigLimitsSchema>
