/** The two settings Fastify needs before the config plugin runs (log level, body limit), read from the environment once. */

/** Defaults: `info` and 64 MiB, as documented in the README's configuration table. */
export interface BootSettings {
  readonly logLevel: string
  /** Largest accepted request body, in bytes. */
  readonly bodyLimit: number
}

/**
 * `env` is the configuration given as data (tests); without it, the process environment. `.env` files are
 * read later by the config plugin, so these two come from the real environment or the data only.
 */
export function readBootSettings (env: Readonly<Record<string, string | undefined>> | undefined): BootSettings {
  const source = env ?? process.env
  return { logLevel: source.LOG_LEVEL ?? 'info', bodyLimit: Number(source.BODY_LIMIT_BYTES ?? 64 * 1024 * 1024) }
}
