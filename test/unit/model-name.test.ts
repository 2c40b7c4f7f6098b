import t from 'tap'
import { canonicalModelName, parseModelName, stripLatestTag } from '../../src/core/model-name.js'

t.test('provider prefix, :latest equivalence and ids containing slashes', async (t) => {
  t.same(parseModelName('openai/gpt-4o'), { provider: 'openai', model: 'gpt-4o' })
  t.same(parseModelName('openai/gpt-4o:latest'), { provider: 'openai', model: 'gpt-4o' })
  t.same(parseModelName('OpenAI/gpt-4o:LATEST'), { provider: 'openai', model: 'gpt-4o' })
  t.same(parseModelName('siliconflow/Qwen/Qwen3-8B'), { provider: 'siliconflow', model: 'Qwen/Qwen3-8B' })
  t.same(parseModelName('qwen2:7b'), { model: 'qwen2:7b' })
  t.equal(stripLatestTag('a:latest'), 'a')
  t.equal(stripLatestTag('a:7b'), 'a:7b')
})

t.test('canonical names always carry a tag', async (t) => {
  t.equal(canonicalModelName('openai', 'gpt-4o'), 'openai/gpt-4o:latest')
  t.equal(canonicalModelName('ollama', 'llama3:8b'), 'ollama/llama3:8b')
})
