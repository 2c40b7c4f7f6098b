/**
 * Ollama's `/api/embed` vectors are L2-normalised, and `dimensions` truncates then re-normalises.
 * Most providers already answer unit vectors: those are passed through untouched (so values stay
 * exactly as the provider sent them); any other vector is normalised here.
 */

/** Far above float32 rounding (about 1e-7 per element), far below any real deviation. */
const UNIT_TOLERANCE = 1e-4

/** The vector scaled to length 1; a zero vector stays zero, as in Ollama. */
export function normaliseVector (vector: number[]): number[] {
  let sum = 0
  for (const value of vector) sum += value * value
  const norm = Math.sqrt(sum)
  if (Math.abs(norm - 1) <= UNIT_TOLERANCE || norm === 0) return vector
  return vector.map((value) => value / norm)
}

/** `/api/embed` semantics for one upstream vector: shortened to `dimensions` when longer, then unit length. */
export function toOllamaVector (vector: number[], dimensions: number | undefined): number[] {
  const shortened = dimensions !== undefined && dimensions > 0 && dimensions < vector.length ? vector.slice(0, dimensions) : vector
  return normaliseVector(shortened)
}
