/**
 * Per-model rules inside the Gemini line-up: 2.x models take a thinking budget, 3.x a thinking level
 * and need thought signatures on replayed function calls.
 * @see https://ai.google.dev/gemini-api/docs/thinking (checked 2026-11)
 */

export function usesThinkingBudget (modelId: string): boolean {
  return /^gemini-(1|2)[.-]/.test(modelId)
}

/** 2.5 Pro and 3.x Pro cannot switch thinking off entirely. */
export function alwaysThinks (modelId: string): boolean {
  return /-pro/.test(modelId)
}
