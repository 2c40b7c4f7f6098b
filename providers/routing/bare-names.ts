/**
 * Bare model names (no `provider/` prefix) routed to a provider the way LiteLLM users expect:
 * `gpt-4o` is OpenAI's, `qwen-plus` DashScope's. A rule only applies when its provider is active.
 */

export interface BareNameRule {
  /** Tested against the bare name without its `:latest` tag, case-insensitively. */
  readonly pattern: RegExp
  /** The provider id the name goes to. */
  readonly provider: string
}

/** Checked in order; several rules may match, and the first whose provider serves the name wins. */
export const BARE_NAME_RULES: readonly BareNameRule[] = [
  { pattern: /^(gpt-|chatgpt-|o[134]$|o[134]-)/i, provider: 'openai' },
  { pattern: /^claude-/i, provider: 'anthropic' },
  { pattern: /^gemini-/i, provider: 'gemini' },
  { pattern: /^deepseek-/i, provider: 'deepseek' },
  { pattern: /^(qwen|qwq|qvq)/i, provider: 'dashscope' },
  { pattern: /^(doubao|ep-)/i, provider: 'volcengine' },
  { pattern: /^glm-/i, provider: 'zhipu' },
  { pattern: /^(kimi-|moonshot-)/i, provider: 'moonshot' }
]

/** Provider ids a bare name may belong to, in rule order. */
export function providersForBareName (name: string, rules: readonly BareNameRule[] = BARE_NAME_RULES): string[] {
  return rules.filter((rule) => rule.pattern.test(name)).map((rule) => rule.provider)
}
