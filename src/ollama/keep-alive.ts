/** `keep_alive` as Ollama parses it: seconds as a number, or a Go duration string. */
import { InvalidRequestError as KeepAliveError, KeepAliveTypeError } from '../errors.js'
import { goTypeName } from './decode-errors.js'

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9
}

/** Milliseconds to keep a model listed as loaded; `Infinity` for a negative value ("forever"). */
export function parseKeepAlive (value: unknown, defaultMs: number): number {
  if (value === undefined || value === null) return defaultMs
  if (typeof value === 'number') return value < 0 ? Infinity : value * 1000
  if (typeof value !== 'string') {
    throw new KeepAliveTypeError(goTypeName(value))
  }
  const nanoseconds = parseGoDuration(value)
  return nanoseconds < 0 ? Infinity : nanoseconds / 1e6
}

/** Go's time.ParseDuration for the forms clients send ("5m", "1h30m", "-1", "0"). */
export function parseGoDuration (text: string): number {
  const sign = text.startsWith('-') ? -1 : 1
  const body = text.replace(/^[+-]/, '')
  if (body === '0') return 0
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y
  let total = 0
  let offset = 0
  while (offset < body.length) {
    part.lastIndex = offset
    const match = part.exec(body)
    if (match === null) {
      const unitless = /^\d+(\.\d*)?$/.test(body.slice(offset))
      throw new KeepAliveError(unitless ? `time: missing unit in duration "${text}"` : `time: invalid duration "${text}"`)
    }
    total += Number(match[1]) * (UNIT_NS[match[2] as string] as number)
    offset = part.lastIndex
  }
  if (body === '') throw new KeepAliveError(`time: invalid duration "${text}"`)
  return sign * total
}
