/** Removes secrets a provider may echo back (keys in error messages) before text reaches a client or a log. */

const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(sk|ak|pk|rk)-[A-Za-z0-9_-]{8,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\bAIza[0-9A-Za-z_-]{20,}/g
]

export function redactSecrets (text: string, knownSecrets: readonly string[] = []): string {
  let result = text
  for (const secret of knownSecrets) {
    if (secret.length >= 4) result = result.split(secret).join('***')
  }
  for (const pattern of SECRET_PATTERNS) result = result.replace(pattern, '***')
  return result
}
