/** Timestamps and durations in the units Ollama puts on the wire. */

// Wall clock at boot plus a monotonic offset gives nanosecond-resolution timestamps cheaply.
const bootEpochNs = BigInt(Date.now()) * 1_000_000n
const bootMonotonicNs = process.hrtime.bigint()

export function nowNs (): bigint {
  return process.hrtime.bigint()
}

// Every chunk carries a timestamp: the seconds part is formatted once per second, not per chunk.
let lastSecond = -1
let lastSecondText = ''

/** RFC 3339 UTC with a nanosecond fraction, trailing zeros trimmed, as Go's time.Time marshals. */
export function formatTimestamp (monotonicNs: bigint = nowNs()): string {
  const epochNs = bootEpochNs + (monotonicNs - bootMonotonicNs)
  const second = Number(epochNs / 1_000_000_000n)
  if (second !== lastSecond) {
    lastSecond = second
    lastSecondText = new Date(second * 1000).toISOString().slice(0, 19)
  }
  const nanos = Number(epochNs % 1_000_000_000n)
  if (nanos === 0) return `${lastSecondText}Z`
  return `${lastSecondText}.${String(nanos).padStart(9, '0').replace(/0+$/, '')}Z`
}

/** Integer nanoseconds between two monotonic readings, at least 1 so clients never divide by zero. */
export function elapsedNs (fromNs: bigint, toNs: bigint): number {
  const difference = Number(toNs - fromNs)
  return difference > 0 ? difference : 1
}
