/**
 * A simple circuit breaker per provider: after `threshold` consecutive failures the provider is
 * cooled down for `cooldownMs`, and requests with a fallback go straight to it. After the cooldown
 * one request is let through again (half-open); a success closes the circuit.
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
}

export class CircuitBreakers {
  private readonly states = new Map<string, CircuitState>()

  constructor (private readonly options: CircuitBreakerOptions, private readonly clock: () => number = Date.now) {}

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
    this.states.delete(providerId)
  }

  recordFailure (providerId: string): void {
    const state = this.states.get(providerId) ?? { failures: 0, openUntil: 0 }
    state.failures += 1
    if (state.failures >= this.options.threshold) {
      const now = this.clock()
      // A failure while already open (every candidate cooling down) extends the cooldown: it opened only once.
      if (state.openUntil <= now) this.options.onOpen?.(providerId)
      state.openUntil = now + this.options.cooldownMs
    }
    this.states.set(providerId, state)
  }
}
