/**
 * Which browser origins may call us, as Ollama decides (envconfig.AllowedOrigins + gin-contrib/cors
 * with wildcards): OLLAMA_ORIGINS entries, then localhost, 127.0.0.1 and 0.0.0.0 on any port, then
 * desktop and editor webview schemes. Browser extensions (`chrome-extension://`, `moz-extension://`,
 * `safari-extension://`, `ms-browser-extension://`) are refused until OLLAMA_ORIGINS names them:
 * gin-contrib/cors's AllowBrowserExtensions only lets such entries be configured. Sources: ollama/ollama
 * envconfig/config.go AllowedOrigins and server/routes.go GenerateRoutes; gin-contrib/cors v1.7.2 config.go.
 */

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '0.0.0.0']
const APP_ORIGINS = ['app://*', 'file://*', 'tauri://*', 'vscode-webview://*', 'vscode-file://*']

export function allowedOrigins (configured: string | undefined): string[] {
  const origins = (configured ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')
  for (const host of LOCAL_HOSTS) origins.push(`http://${host}`, `https://${host}`, `http://${host}:*`, `https://${host}:*`)
  return [...origins, ...APP_ORIGINS]
}

/** A matcher over the list; one `*` in an entry matches any run of characters, a lone `*` any origin. */
export function originMatcher (origins: readonly string[]): (origin: string) => boolean {
  if (origins.includes('*')) return () => true
  const exact = new Set(origins.filter((origin) => !origin.includes('*')).map((origin) => origin.toLowerCase()))
  const wildcards = origins.filter((origin) => origin.includes('*')).map((origin) => {
    const star = origin.indexOf('*')
    return [origin.slice(0, star).toLowerCase(), origin.slice(star + 1).toLowerCase()] as const
  })
  return (origin) => {
    const lower = origin.toLowerCase()
    if (exact.has(lower)) return true
    return wildcards.some(([prefix, suffix]) => lower.length >= prefix.length + suffix.length && lower.startsWith(prefix) && lower.endsWith(suffix))
  }
}
