/** MIME type of an image from its first bytes, since Ollama clients send bare base64 without one. */

const SIGNATURES: ReadonlyArray<readonly [string, string]> = [
  // base64 prefixes of each format's magic bytes
  ['iVBORw0KGgo', 'image/png'],
  ['/9j/', 'image/jpeg'],
  ['R0lGOD', 'image/gif'],
  ['UklGR', 'image/webp'],
  ['Qk', 'image/bmp']
]

/** The MIME type of bare base64 image data from its magic bytes (PNG, JPEG, GIF, WebP, BMP); `image/jpeg` when unknown. */
export function sniffImageMime (base64: string): string {
  for (const [prefix, mime] of SIGNATURES) {
    if (base64.startsWith(prefix)) return mime
  }
  return 'image/jpeg'
}

/** The `data:<mime>;base64,…` URL OpenAI-style APIs take for bare base64 image data. */
export function toDataUrl (base64: string): string {
  return `data:${sniffImageMime(base64)};base64,${base64}`
}
