/** The one schema every environment variable is validated against at boot: server variables plus each provider's. */
import { Type, type Static, type TProperties } from '@sinclair/typebox'
import type { ProviderDescriptor } from '../core/capabilities.js'

export const ServerEnvSchema = Type.Object({
  HOST: Type.String({ default: '0.0.0.0', minLength: 1, description: 'Address to listen on' }),
  PORT: Type.Integer({ default: 11434, minimum: 0, maximum: 65535, description: 'Port to listen on' }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)), { default: 'info' }),
  DEFAULT_MODEL: Type.Optional(Type.String({ description: 'Model used when a request names none' })),
  OLLAMA_VERSION: Type.String({ default: '0.32.15', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$', description: 'Version reported by /api/version' }),
  BODY_LIMIT_BYTES: Type.Integer({ default: 64 * 1024 * 1024, minimum: 1024, description: 'Largest request body accepted (images are base64 in JSON)' }),
  DATA_DIR: Type.String({ default: 'data', minLength: 1, description: 'Directory for user-defined models (/api/create, /api/copy)' }),
  UPSTREAM_CONNECT_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 1 }),
  UPSTREAM_HEADERS_TIMEOUT_MS: Type.Integer({ default: 300_000, minimum: 1, description: 'Wait for the upstream to start answering (reasoning models can take minutes)' }),
  UPSTREAM_IDLE_TIMEOUT_MS: Type.Integer({ default: 300_000, minimum: 1, description: 'Longest gap between two upstream chunks' }),
  CONFIG_FILE: Type.Optional(Type.String({ description: 'YAML or JSON file with model aliases and OpenAI-compatible servers' }))
})

export type ServerEnv = Static<typeof ServerEnvSchema>

/** Provider variables are free strings; each provider reads its own by name. */
export type EnvConfig = ServerEnv & Readonly<Record<string, string | undefined>>

export function providerEnvNames (descriptor: ProviderDescriptor): string[] {
  return [...descriptor.apiKeyEnv, descriptor.baseUrlEnv, descriptor.modelsEnv, ...(descriptor.settingsEnv ?? [])]
}

export function buildEnvSchema (descriptors: readonly ProviderDescriptor[]) {
  const providerProperties: TProperties = {}
  for (const descriptor of descriptors) {
    for (const name of providerEnvNames(descriptor)) providerProperties[name] = Type.Optional(Type.String())
  }
  return Type.Composite([ServerEnvSchema, Type.Object(providerProperties)])
}
