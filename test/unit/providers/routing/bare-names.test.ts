import t from 'tap'
import { providersForBareName } from '../../../../providers/routing/bare-names.js'

t.test('bare names map to providers the way LiteLLM users expect', async (t) => {
  const cases: Array<[string, string[]]> = [
    ['gpt-4o', ['openai']],
    ['GPT-5.5', ['openai']],
    ['chatgpt-4o-latest', ['openai']],
    ['o1', ['openai']],
    ['o3', ['openai']],
    ['o3-mini', ['openai']],
    ['o4-mini', ['openai']],
    ['claude-sonnet-4-5', ['anthropic']],
    ['gemini-2.5-pro', ['gemini']],
    ['deepseek-v4-pro', ['deepseek']],
    ['qwen-plus', ['dashscope']],
    ['qwen3-max', ['dashscope']],
    ['qwq-plus', ['dashscope']],
    ['doubao-seed-1-6', ['volcengine']],
    ['ep-20250101123456-abcde', ['volcengine']],
    ['glm-5', ['zhipu']],
    ['kimi-k2.6', ['moonshot']],
    ['moonshot-v1-8k', ['moonshot']]
  ]
  for (const [name, providers] of cases) t.same(providersForBareName(name), providers, name)
})

t.test('names no rule claims', async (t) => {
  for (const name of ['o2', 'o10', 'ollama', 'llama3-8b', 'mistral-large-latest', 'glm4', 'gptx', 'my-assistant']) {
    t.same(providersForBareName(name), [], name)
  }
})
