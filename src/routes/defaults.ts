/** Ollama's server defaults that routes apply. */

/** OLLAMA_KEEP_ALIVE's default: how long a used model stays listed in `/api/ps`. */
export const DEFAULT_KEEP_ALIVE_MS = 5 * 60 * 1000
