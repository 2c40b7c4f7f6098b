/**
 * Reasons we abort an upstream request ourselves, as opposed to the client leaving. Each carries a
 * code that transport-errors.ts turns into the status and wording the client sees.
 */

export class DeadlineExceededError extends Error {
  readonly code = 'ADAPTER_DEADLINE'
  constructor () {
    super('request deadline exceeded')
    this.name = 'DeadlineExceededError'
  }
}

export class ShuttingDownError extends Error {
  readonly code = 'ADAPTER_SHUTDOWN'
  constructor () {
    super('server is shutting down')
    this.name = 'ShuttingDownError'
  }
}
