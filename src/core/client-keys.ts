/** The API keys clients may present (API_KEYS), compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto'

export class ClientKeys {
  private readonly digests: Buffer[]

  constructor (configured: string | undefined) {
    this.digests = (configured ?? '').split(',').map((key) => key.trim()).filter((key) => key !== '').map(digest)
  }

  get enabled (): boolean {
    return this.digests.length > 0
  }

  /** Whether the key matches one of the configured ones; hashing first keeps the comparison length-independent. */
  accepts (key: string): boolean {
    const candidate = digest(key)
    let found = false
    for (const known of this.digests) found = timingSafeEqual(known, candidate) || found
    return found
  }
}

function digest (key: string): Buffer {
  return createHash('sha256').update(key).digest()
}

/** The key from `Authorization: Bearer <key>` (ollama-js, Open WebUI, LangChain) or `x-api-key`. */
export function presentedKey (headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const authorization = headers.authorization
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim())
    if (match !== null) return match[1]!.trim()
  }
  const apiKey = headers['x-api-key']
  return typeof apiKey === 'string' && apiKey.trim() !== '' ? apiKey.trim() : undefined
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])

export function isLoopbackHost (host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || host.startsWith('127.')
}
