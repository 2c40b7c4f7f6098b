/**
 * A simple circuit breaker per provider: after `threshold` consecutive failures the provider is
 * cooled down for `cooldownMs`, and requests with a fallback go straight to it. After the cooldown
 * one request is let through again (half-open); a success closes the circuit.
 */

export interface CircuitBreakerOptions {
  readonly threshold: number
  readonly cooldownMs: number
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

  recordSuccess (providerId: string): void {
    this.states.delete(providerId)
  }

  recordFailure (providerId: string): void {
    const state = this.states.get(providerId) ?? { failures: 0, openUntil: 0 }
    state.failures += 1
    if (state.failures >= this.options.threshold) state.openUntil = this.clock() + this.options.cooldownMs
    this.states.set(providerId, state)
  }
}
