/** `/v1/embeddings` input and output as Ollama's compatibility layer reads and writes them. */
import { InvalidRequestError } from '../errors.js'
import type { OpenAiEmbeddingsRequest } from '../schemas/openai.js'

export type EncodingFormat = 'float' | 'base64'

/** A lone empty string is still one input here (unlike `/api/embed`); no input at all is refused. */
export function readEmbeddingInput (input: OpenAiEmbeddingsRequest['input']): string[] {
  if (typeof input === 'string') return [input]
  if (input === undefined || input === null || input.length === 0) throw new InvalidRequestError('invalid input')
  return input
}

export function readEncodingFormat (format: string | null | undefined): EncodingFormat {
  if (format === undefined || format === null || format === '') return 'float'
  const lower = format.toLowerCase()
  if (lower === 'float' || lower === 'base64') return lower
  throw new InvalidRequestError(`Invalid value for 'encoding_format' = ${format}. Supported values: ['float', 'base64'].`)
}

/** base64 of the vector as little-endian float32, as OpenAI encodes it. */
function toBase64 (vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4)
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4))
  return bytes.toString('base64')
}

export function embeddingList (vectors: readonly number[][], format: EncodingFormat, model: string, promptTokens: number) {
  return {
    object: 'list' as const,
    data: vectors.map((vector, index) => ({ object: 'embedding' as const, embedding: format === 'base64' ? toBase64(vector) : vector, index })),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens }
  }
}
