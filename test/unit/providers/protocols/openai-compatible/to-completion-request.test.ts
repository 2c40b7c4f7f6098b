import t from 'tap'
import type { ProviderQuirks } from '../../../../../providers/protocols/openai-compatible/quirks.js'
import { buildCompletionRequest } from '../../../../../providers/protocols/openai-compatible/to-completion-request.js'
import { openAiDescriptor } from '../../../../../providers/presets/openai.js'

const card = openAiDescriptor.models.find((model) => model.id === 'gpt-4.1')!
const request = {
  messages: [{ role: 'system' as const, content: 'ignored' }, { role: 'user' as const, content: 'def add(a, b):\n' }],
  options: { temperature: 0.1, maxTokens: 32, stop: ['\n\n'] },
  suffix: '\nprint(add(1, 2))'
}
const build = (quirks: Partial<ProviderQuirks>) => buildCompletionRequest(request, {
  descriptor: { ...openAiDescriptor, quirks: { thinkingControl: 'none', streamUsageOption: true, ...quirks } },
  card
})

t.test('prompt and suffix on /completions, streamed, max_tokens whatever the chat field is', async (t) => {
  const upstream = build({ maxTokensField: 'max_completion_tokens' })
  t.equal(upstream.path, '/completions')
  t.same(upstream.body, {
    model: 'gpt-4.1',
    prompt: 'def add(a, b):\n',
    suffix: '\nprint(add(1, 2))',
    stream: true,
    stream_options: { include_usage: true },
    temperature: 0.1,
    max_tokens: 32,
    stop: ['\n\n']
  })
})

t.test('the FIM path quirk (DeepSeek beta) and Qwen FIM tokens (DashScope)', async (t) => {
  t.equal(build({ fillInMiddlePath: '/beta/completions' }).path, '/beta/completions')
  const qwen = build({ fillInMiddlePrompt: 'qwen-fim-tokens' }).body as Record<string, unknown>
  t.equal(qwen.prompt, '<|fim_prefix|>def add(a, b):\n<|fim_suffix|>\nprint(add(1, 2))<|fim_middle|>')
  t.notOk('suffix' in qwen)
})

t.test('without a suffix it is a plain completion', async (t) => {
  const body = buildCompletionRequest({ messages: [{ role: 'user', content: 'Once upon' }], options: {} }, {
    descriptor: { ...openAiDescriptor, quirks: { thinkingControl: 'none', streamUsageOption: false } },
    card
  }).body
  t.same(body, { model: 'gpt-4.1', prompt: 'Once upon', stream: true })
})
