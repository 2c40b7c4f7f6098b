/**
 * Prefixes users already write for our providers: LiteLLM's provider names and the earlier version of this tool's
 * `datascope/`. A prefix that is a provider id needs no entry (`dashscope/`, `moonshot/`, `gemini/`, `xai/`...).
 * @see https://docs.litellm.ai/docs/providers (checked 2026-11)
 */
export const PREFIX_SYNONYMS: Readonly<Record<string, string>> = Object.freeze({
  // The spelling the earlier tool documented.
  datascope: 'dashscope',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  // LiteLLM's Z.AI (Zhipu's international platform); set ZHIPU_BASE_URL (or ZAI_API_KEY with it) for api.z.ai.
  zai: 'zhipu',
  // LiteLLM's two routes to an Ollama server: both are our Ollama upstream.
  ollama_chat: 'ollama'
})
