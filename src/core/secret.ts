/** An API key that cannot reach a log or a response by accident: it serialises and inspects as `***`. */
import { inspect } from 'node:util'

export class Secret {
  readonly #value: string

  constructor (value: string) {
    this.#value = value
  }

  reveal (): string {
    return this.#value
  }

  toJSON (): string {
    return '***'
  }

  toString (): string {
    return '***'
  }

  [inspect.custom] (): string {
    return 'Secret(***)'
  }
}
