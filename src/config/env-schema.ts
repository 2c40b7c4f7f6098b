/** The one schema every environment variable is validated against at boot: server variables plus each provider's. */
import { Type, type Static, type TProperties } from '@sinclair/typebox'
import type { ProviderDescriptor } from '../core/capabilities.js'

export const ServerEnvSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', minLength: 1, description: 'Address to listen on; loopback by default, as Ollama (containers set 0.0.0.0)' }),
  PORT: Type.Integer({ default: 11434, minimum: 0, maximum: 65535, description: 'Port to listen on' }),
  LISTEN_BACKLOG: Type.Integer({
    default: 4096,
    minimum: 1,
    description: 'Connections the kernel holds before the service accepts them (listen backlog); capped by net.core.somaxconn'
  }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)), { default: 'info' }),
  DEFAULT_MODEL: Type.Optional(Type.String({ description: 'Model used when a request names none' })),
  THINK_DEFAULT: Type.Union([Type.Literal('ollama'), Type.Literal('provider')], {
    default: 'ollama',
    description: 'A request without think: ollama turns thinking on for thinking models whose provider has a switch, as Ollama does; provider keeps each provider\'s default'
  }),
  OLLAMA_VERSION: Type.String({ default: '0.32.15', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$', description: 'Version reported by /api/version: the Ollama release whose API this mirrors (README, OLLAMA_VERSION)' }),
  BODY_LIMIT_BYTES: Type.Integer({ default: 64 * 1024 * 1024, minimum: 1024, description: 'Largest request body accepted (images are base64 in JSON)' }),
  DATA_DIR: Type.String({ default: 'data', minLength: 1, description: 'Directory for user-defined models (/api/create, /api/copy)' }),
  UPSTREAM_CONNECT_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 1 }),
  UPSTREAM_HEADERS_TIMEOUT_MS: Type.Integer({ default: 300_000, minimum: 1, description: 'Wait for the upstream to start answering (reasoning models can take minutes)' }),
  UPSTREAM_IDLE_TIMEOUT_MS: Type.Integer({ default: 300_000, minimum: 1, description: 'Longest gap between two upstream chunks' }),
  MODEL_LIST_REFRESH_SECONDS: Type.Number({ default: 600, minimum: 0, description: 'Seconds between reads of each active provider\'s own model list, in the background (0: at start only)' }),
  CONFIG_FILE: Type.Optional(Type.String({ description: 'YAML or JSON file with model aliases and OpenAI-compatible servers' })),
  REQUEST_DEADLINE_MS: Type.Integer({ default: 600_000, minimum: 1, description: 'Longest wait for an answer to start, across every retry and fallback; for embeddings, the whole request' }),
  UPSTREAM_MAX_RETRIES: Type.Integer({ default: 2, minimum: 0, description: 'Retries per model on 429, 5xx, 529 and connection errors' }),
  UPSTREAM_RETRY_BASE_MS: Type.Integer({ default: 250, minimum: 1, description: 'First backoff delay; doubles per retry, with jitter' }),
  UPSTREAM_RETRY_MAX_WAIT_MS: Type.Integer({ default: 5_000, minimum: 0, description: 'Longest single wait before a retry; a longer Retry-After goes back to the client' }),
  UPSTREAM_MAX_CONNECTIONS: Type.Integer({ default: 128, minimum: 1, description: 'Upstream connections per origin' }),
  CIRCUIT_FAILURE_THRESHOLD: Type.Integer({ default: 5, minimum: 1, description: 'Consecutive failures that cool a provider down' }),
  CIRCUIT_COOLDOWN_MS: Type.Integer({ default: 30_000, minimum: 1, description: 'How long a cooled-down provider is skipped in favour of fallbacks' }),
  MAX_PENDING_ANSWERS: Type.Integer({ default: 512, minimum: 1, description: 'Chat and generate requests in flight before new ones get a fast 503' }),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ default: 1_000, minimum: 0, description: 'Mean event-loop delay over the last 5 s past which requests get a fast 503 (0: off)' }),
  SHUTDOWN_GRACE_MS: Type.Integer({ default: 30_000, minimum: 0, description: 'On SIGTERM, how long open streams may run before they end with an error line' }),
  API_KEYS: Type.Optional(Type.String({ description: 'Comma-separated keys clients must send (Authorization: Bearer or x-api-key); empty: no auth' })),
  OLLAMA_ORIGINS: Type.Optional(Type.String({ description: 'Comma-separated extra CORS origins, as Ollama reads them' })),
  ALLOWED_HOSTS: Type.Optional(Type.String({ description: 'Comma-separated extra Host names (`*` wildcards) a loopback listener answers, e.g. behind a reverse proxy' })),
  ADMIN_API_KEYS: Type.Optional(Type.String({ description: 'Comma-separated keys that alone may create, copy, delete and push models; empty: no split' })),
  METRICS_API_KEY: Type.Optional(Type.String({ description: 'Key GET /metrics alone accepts (Authorization: Bearer); empty: /metrics is guarded by API_KEYS like every route' })),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^(rediss?://.*)?$', description: 'redis:// or rediss:// (TLS) URL, password and database included, of the Redis replicas share state through; empty: state stays in this process and DATA_DIR' })),
  REDIS_KEY_PREFIX: Type.String({ default: 'ollama-adapter:', description: 'Prefix of every Redis key and channel, so several deployments can share one Redis' })
})

export type ServerEnv = Static<typeof ServerEnvSchema>

/** Provider variables are free strings; each provider reads its own by name. */
export type EnvConfig = ServerEnv & Readonly<Record<string, string | undefined>>

/** Every variable a provider reads: its key names, base URL, models, settings, and the optional unprefixed, refresh and remote-host ones. */
export function providerEnvNames (descriptor: ProviderDescriptor): string[] {
  const optional = [descriptor.unprefixedEnv, descriptor.refreshSecondsEnv, descriptor.remoteHostEnv].filter((name): name is string => name !== undefined)
  return [...descriptor.apiKeyEnv, descriptor.baseUrlEnv, descriptor.modelsEnv, ...(descriptor.settingsEnv ?? []), ...optional]
}

/** The boot schema: the server variables, and each provider's variables as optional strings. */
export function buildEnvSchema (descriptors: readonly ProviderDescriptor[]) {
  const providerProperties: TProperties = {}
  for (const descriptor of descriptors) {
    for (const name of providerEnvNames(descriptor)) providerProperties[name] = Type.Optional(Type.String())
  }
  return Type.Composite([ServerEnvSchema, Type.Object(providerProperties)])
}
