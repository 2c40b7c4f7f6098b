/** `remote_host`: the public origin a provider's models are said to run on, as real Ollama names a cloud model's host. */

/** The setting that leaves `remote_host` out of every answer. */
export const HIDDEN_REMOTE_HOST = 'none'

/**
 * What `remote_host` says for a provider: the origin (scheme, host, port) of `setting` when the operator gave one,
 * else of the provider's base URL; never a path, query or credentials, which may hold keys or private routes.
 * `setting` `none` hides it (undefined). Throws an Error naming `settingName` when `setting` is not an http(s) URL.
 */
export function readRemoteHost (setting: string | undefined, baseUrl: string, settingName: string): string | undefined {
  const chosen = setting?.trim() ?? ''
  if (chosen.toLowerCase() === HIDDEN_REMOTE_HOST) return undefined
  const source = chosen === '' ? baseUrl : chosen
  let url: URL
  try {
    url = new URL(source)
  } catch {
    throw new Error(`${settingName}: "${source}" is not a URL (give an http(s) origin, or "${HIDDEN_REMOTE_HOST}" to hide it)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${settingName}: "${source}" is not an http(s) URL (give an http(s) origin, or "${HIDDEN_REMOTE_HOST}" to hide it)`)
  }
  return url.origin
}
