/**
 * The Ollama-style short names the earlier version of this tool documented, each mapped to the
 * provider model that stands in for it. They resolve, and are listed, only while their provider is active.
 */
import type { ModelAlias } from '../../src/core/model-alias.js'

export const BUILTIN_ALIASES: readonly ModelAlias[] = [
  { name: 'qwen2:7b', target: 'dashscope/qwen2-7b-instruct', origin: 'builtin' },
  // Qwen2 has no 14B model; Qwen2.5-14B is its nearest successor.
  { name: 'qwen2:14b', target: 'dashscope/qwen2.5-14b-instruct', origin: 'builtin' },
  { name: 'qwen2:72b', target: 'dashscope/qwen2-72b-instruct', origin: 'builtin' },
  { name: 'deepseek-chat', target: 'deepseek/deepseek-chat', origin: 'builtin' },
  // DeepSeek merged its coder model into deepseek-chat and retired the deepseek-coder id.
  { name: 'deepseek-coder', target: 'deepseek/deepseek-chat', origin: 'builtin' },
  { name: 'yi-34b-chat', target: 'siliconflow/01-ai/Yi-1.5-34B-Chat-16K', origin: 'builtin' },
  { name: 'llama3-8b', target: 'siliconflow/meta-llama/Meta-Llama-3.1-8B-Instruct', origin: 'builtin' },
  { name: 'doubao-lite', target: 'volcengine/doubao-1-5-lite-32k-250115', origin: 'builtin' },
  { name: 'doubao-pro', target: 'volcengine/doubao-1-5-pro-32k-250115', origin: 'builtin' },
  { name: 'text-embedding-v1', target: 'dashscope/text-embedding-v1', origin: 'builtin' },
  { name: 'text-embedding-v2', target: 'dashscope/text-embedding-v2', origin: 'builtin' }
]
