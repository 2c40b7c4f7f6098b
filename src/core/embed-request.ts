/** What an embedding protocol receives and returns for one batch of inputs. */

export interface EmbedOptions {
  /** Vector length to ask the upstream for; absent when the model's own length applies. */
  readonly dimensions?: number
}

export interface EmbedBatchResult {
  /** One vector per input, in input order. */
  readonly embeddings: number[][]
  /** Input tokens the upstream counted for this batch, when it reports usage. */
  readonly promptTokens?: number
}
