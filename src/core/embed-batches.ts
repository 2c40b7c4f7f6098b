/**
 * Embedding inputs split into batches no larger than a model accepts, sent with bounded concurrency and
 * reassembled in input order. The first failure aborts the batches in flight and fails the whole run:
 * a partial answer is never presented as whole.
 */

export interface EmbedBatchesOptions {
  /** Most inputs in one batch (the model's per-request limit). */
  readonly batchSize: number
  /** Most batches in flight at once. */
  readonly concurrency: number
  /** Aborts every batch (the client went away). */
  readonly signal?: AbortSignal
}

/** A slice of the inputs and where it starts, so errors can say which inputs failed. */
export interface EmbedBatch<Input> {
  readonly inputs: readonly Input[]
  /** Offset of the first input of this batch in the whole list. */
  readonly start: number
}

/**
 * `send` must answer one result per input of its batch, in order. Batches are sliced only when a
 * worker takes them, so no more than `concurrency` batches (and their answers) exist before they
 * are copied into the result.
 */
export async function embedInBatches<Input, Output> (
  inputs: readonly Input[],
  options: EmbedBatchesOptions,
  send: (batch: EmbedBatch<Input>, signal: AbortSignal) => Promise<readonly Output[]>
): Promise<Output[]> {
  const batchSize = Math.max(1, Math.floor(options.batchSize))
  const batchCount = Math.ceil(inputs.length / batchSize)
  const results = new Array<Output>(inputs.length)
  const controller = new AbortController()
  const signal = options.signal === undefined ? controller.signal : AbortSignal.any([controller.signal, options.signal])
  let next = 0
  let failed = false
  let firstError: unknown

  async function worker (): Promise<void> {
    while (!failed && !signal.aborted && next < batchCount) {
      const start = next * batchSize
      next += 1
      const batch = { inputs: inputs.slice(start, start + batchSize), start }
      try {
        const outputs = await send(batch, signal)
        if (outputs.length !== batch.inputs.length) {
          throw new Error(`batch at ${start} answered ${outputs.length} results for ${batch.inputs.length} inputs`)
        }
        for (let offset = 0; offset < outputs.length; offset++) results[start + offset] = outputs[offset] as Output
      } catch (error) {
        // Only the first failure is reported; the others are mostly the abort it caused.
        if (!failed) {
          failed = true
          firstError = error
          controller.abort()
        }
        return
      }
    }
  }

  const workerCount = Math.min(Math.max(1, Math.floor(options.concurrency)), batchCount)
  await Promise.all(Array.from({ length: workerCount }, worker))
  if (failed) throw firstError
  // Aborted from outside between two batches: nothing failed, but the answer is incomplete.
  if (signal.aborted) throw signal.reason
  return results
}
