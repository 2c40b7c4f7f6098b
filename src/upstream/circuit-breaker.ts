/**
 * A simple circuit breaker per provider: after `threshold` consecutive failures the provider is
 * cooled down for `cooldownMs`, and requests with a fallback go straight to it. After the cooldown
 * one request is let through again (half-open); a success closes the circuit. Replicas share the
 * openings and closings (`onChange` out, `applyShared` in; src/store/shared-circuits.ts), never
 * the failure counts, so checking stays synchronous and local.
 */

export interface CircuitBreakerOptions {
  readonly threshold: number
  readonly cooldownMs: number
  /** Told each time a provider's circuit opens (metrics). */
  readonly onOpen?: (providerId: string) => void
}

interface CircuitState {
  failures: number
  openUntil: number
  /** Opened since the last success, here or on another replica: its closing is news for the others. */
  opened: boolean
}

/** Told of each opening (`openUntil`, epoch ms) and closing (0) decided here. */
export type CircuitChangeListener = (providerId: string, openUntil: number) => void

export class CircuitBreakers {
  private readonly states = new Map<string, CircuitState>()
  /** Set by whoever shares the circuits between replicas. */
  onChange: CircuitChangeListener | undefined

  constructor (private readonly options: CircuitBreakerOptions, private readonly clock: () => number = Date.now) {}

  /** An opening (`openUntil` in the future) or closing (0) another replica decided; announces nothing. */
  applyShared (providerId: string, openUntil: number): void {
    if (openUntil <= this.clock()) {
      this.states.delete(providerId)
      return
    }
    this.states.set(providerId, { failures: this.options.threshold, openUntil, opened: true })
  }

  /** Providers cooling down now, with the epoch ms their cooldown ends (for metrics and resyncs). */
  openCircuits (): Map<string, number> {
    const now = this.clock()
    const open = new Map<string, number>()
    for (const [id, state] of this.states) if (state.openUntil > now) open.set(id, state.openUntil)
    return open
  }

  /** True while the provider is cooling down. */
  isOpen (providerId: string): boolean {
    const state = this.states.get(providerId)
    if (state === undefined || state.openUntil === 0) return false
    if (this.clock() < state.openUntil) return true
    // Half-open: let the next request probe; one more failure reopens at once.
    state.openUntil = 0
    state.failures = this.options.threshold - 1
    return false
  }

  /** True while the provider is cooling down; unlike isOpen, reading it never lets a half-open probe through. */
  isCoolingDown (providerId: string): boolean {
    const state = this.states.get(providerId)
    return state !== undefined && state.openUntil !== 0 && this.clock() < state.openUntil
  }

  recordSuccess (providerId: string): void {
    const state = this.states.get(providerId)
    if (state === undefined) return
    this.states.delete(providerId)
    if (state.opened) this.onChange?.(providerId, 0)
  }

  recordFailure (providerId: string): void {
    const state = this.states.get(providerId) ?? { failures: 0, openUntil: 0, opened: false }
    state.failures += 1
    this.states.set(providerId, state)
    if (state.failures >= this.options.threshold) {
      const now = this.clock()
      // A failure while already open (every candidate cooling down) extends the cooldown: it opened only once.
      if (state.openUntil <= now) this.options.onOpen?.(providerId)
      state.openUntil = now + this.options.cooldownMs
      state.opened = true
      this.onChange?.(providerId, state.openUntil)
    }
  }
}
