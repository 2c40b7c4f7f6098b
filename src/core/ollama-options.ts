/**
 * Ollama's options (a request's `options`, an alias preset's, a Modelfile's PARAMETERs): their Go types, checked as
 * `api.Options.FromMap` does with its error wording, and the SamplingOptions every protocol reads from them.
 */
import type { SamplingOptions } from './chat-request.js'
import { OptionTypeError } from '../errors.js'

type GoType = 'integer' | 'float32' | 'boolean' | 'string' | 'array'

/** Every key of Ollama's `Options` and `Runner` structs; others are ignored (Ollama only logs them). */
const OPTION_TYPES: Readonly<Record<string, GoType>> = {
  num_keep: 'integer',
  seed: 'integer',
  num_predict: 'integer',
  top_k: 'integer',
  top_p: 'float32',
  min_p: 'float32',
  typical_p: 'float32',
  repeat_last_n: 'integer',
  temperature: 'float32',
  repeat_penalty: 'float32',
  presence_penalty: 'float32',
  frequency_penalty: 'float32',
  stop: 'array',
  num_ctx: 'integer',
  num_batch: 'integer',
  num_gpu: 'integer',
  main_gpu: 'integer',
  use_mmap: 'boolean',
  num_thread: 'integer',
  draft_num_predict: 'integer'
}

/**
 * Known options with their values as numbers, booleans or string arrays; integers sent as floats are
 * truncated as Go does; `null` counts as absent. A wrong type throws Ollama's `option "X" must be ...`.
 */
export function checkOptionTypes (options: Readonly<Record<string, unknown>>): Record<string, number | boolean | string[]> {
  const checked: Record<string, number | boolean | string[]> = {}
  for (const [key, value] of Object.entries(options)) {
    const type = OPTION_TYPES[key]
    if (type === undefined || value === null || value === undefined) continue
    switch (type) {
      case 'integer':
        if (typeof value !== 'number') throw new OptionTypeError(key, 'of type integer')
        checked[key] = Math.trunc(value)
        break
      case 'float32':
        if (typeof value !== 'number') throw new OptionTypeError(key, 'of type float32')
        checked[key] = value
        break
      case 'boolean':
        if (typeof value !== 'boolean') throw new OptionTypeError(key, 'of type boolean')
        checked[key] = value
        break
      case 'string':
        if (typeof value !== 'string') throw new OptionTypeError(key, 'of type string')
        break
      case 'array':
        if (!Array.isArray(value)) throw new OptionTypeError(key, 'of type array')
        if (!value.every((item) => typeof item === 'string')) throw new OptionTypeError(key, 'of an array of strings')
        checked[key] = value as string[]
        break
    }
  }
  return checked
}

/**
 * Options with an upstream equivalent; the rest (num_ctx, mirostat, ...) are accepted and ignored.
 * Types are checked first, as Ollama does, so a wrong-typed ignored option still fails (OptionTypeError, 500).
 * The map as given is kept in `ollamaOptions`, for an upstream that speaks Ollama itself.
 */
export function readOptions (options: Readonly<Record<string, unknown>> | null | undefined): SamplingOptions {
  if (options === undefined || options === null) return {}
  const checked = checkOptionTypes(options)
  const number = (key: string) => typeof checked[key] === 'number' ? checked[key] : undefined
  const result: { -readonly [K in keyof SamplingOptions]: SamplingOptions[K] } = {}
  const temperature = number('temperature')
  if (temperature !== undefined) result.temperature = temperature
  const topP = number('top_p')
  if (topP !== undefined) result.topP = topP
  const topK = number('top_k')
  if (topK !== undefined) result.topK = topK
  const minP = number('min_p')
  if (minP !== undefined) result.minP = minP
  const repeatPenalty = number('repeat_penalty')
  if (repeatPenalty !== undefined) result.repeatPenalty = repeatPenalty
  // num_predict -1 (and -2, "fill the context") mean no limit.
  const numPredict = number('num_predict')
  if (numPredict !== undefined && numPredict > 0) result.maxTokens = numPredict
  if (Array.isArray(checked.stop)) result.stop = checked.stop
  // seed -1 is Ollama's "random".
  const seed = number('seed')
  if (seed !== undefined && seed >= 0) result.seed = seed
  const presencePenalty = number('presence_penalty')
  if (presencePenalty !== undefined) result.presencePenalty = presencePenalty
  const frequencyPenalty = number('frequency_penalty')
  if (frequencyPenalty !== undefined) result.frequencyPenalty = frequencyPenalty
  if (Object.keys(options).length > 0) result.ollamaOptions = { ...options }
  return result
}
