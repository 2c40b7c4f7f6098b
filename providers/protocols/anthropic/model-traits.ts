/**
 * Per-model request rules that differ inside the Claude line-up.
 * @see https://docs.claude.com/en/docs/build-with-claude/extended-thinking (checked 2026-11)
 */

/** Models from Opus/Sonnet 4.6 on take `thinking: {type: "adaptive"}` with an effort instead of a token budget. */
const ADAPTIVE_THINKING = [/^claude-(opus|sonnet)-4-[6-9]/, /^claude-[a-z]+-[5-9]/]

/** The newest models reject temperature, top_p and top_k altogether. */
const NO_SAMPLING = [/^claude-opus-4-[7-9]/, /^claude-[a-z]+-[5-9]/]

export function usesAdaptiveThinking (modelId: string): boolean {
  return ADAPTIVE_THINKING.some((pattern) => pattern.test(modelId))
}

/** Models from 4.5 on (Sonnet 4.5, Haiku 4.5, Opus 4.5 and later) refuse `temperature` and `top_p` in one request. */
const NO_TEMPERATURE_WITH_TOP_P = [/^claude-[a-z]+-4-([5-9]|\d{2,})/, /^claude-[a-z]+-([5-9]|\d{2,})/]

export function refusesTemperatureWithTopP (modelId: string): boolean {
  return NO_TEMPERATURE_WITH_TOP_P.some((pattern) => pattern.test(modelId))
}

export function acceptsSampling (modelId: string): boolean {
  return !NO_SAMPLING.some((pattern) => pattern.test(modelId))
}
