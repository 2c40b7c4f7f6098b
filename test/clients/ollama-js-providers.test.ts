/** ollama-js against the app with DeepSeek and DashScope presets and a config-file alias. */
import t from 'tap'
import { Ollama } from 'ollama'
import { listenProviderApp } from '../helpers/provider-app.js'

async function client (t: Parameters<typeof listenProviderApp>[0] & { testdir(content: Record<string, string>): string }) {
  const configFile = `${t.testdir({ 'adapter.yaml': 'aliases:\n  helper:\n    target: qwen-plus\n    system: Answer in one line.\n    options: { temperature: 0.3 }\n' })}/adapter.yaml`
  const context = await listenProviderApp(t, (origin) => ({
    // The fake upstream streams reasoning_content for model ids containing "reasoning".
    DEEPSEEK_API_KEY: 'sk-deepseek-ollama-js',
    DEEPSEEK_BASE_URL: `${origin}/deepseek`,
    DEEPSEEK_MODELS: 'fake-reasoning',
    DASHSCOPE_API_KEY: 'sk-dashscope-ollama-js',
    DASHSCOPE_BASE_URL: `${origin}/compatible-mode/v1`,
    CONFIG_FILE: configFile
  }))
  return { ...context, ollama: new Ollama({ host: context.url }) }
}

t.test('list shows the active presets\' models and aliases, sorted', async (t) => {
  const { ollama } = await client(t)
  const { models } = await ollama.list()
  const names = models.map((model) => model.name)
  t.same(names, [...names].sort())
  for (const name of ['deepseek/deepseek-v4-pro:latest', 'dashscope/qwen-plus:latest', 'qwen2:7b', 'deepseek-chat:latest', 'helper:latest']) t.ok(names.includes(name), name)
  t.notOk(names.some((name) => name.startsWith('openai/') || name.startsWith('doubao-')), 'inactive providers and their aliases are absent')
  const shown = await ollama.show({ model: 'dashscope/qwen3.5-plus' })
  t.same(shown.capabilities, ['completion', 'tools', 'vision', 'thinking'])
})

t.test('chat through a preset, streamed, with thinking', async (t) => {
  const { ollama, upstream } = await client(t)
  let content = ''
  let thinking = ''
  for await (const part of await ollama.chat({ model: 'deepseek/fake-reasoning', messages: [{ role: 'user', content: 'Hi' }], think: true, stream: true })) {
    content += part.message.content
    thinking += part.message.thinking ?? ''
  }
  t.equal(content, 'The answer is 4.')
  t.equal(thinking, 'Let me think. Done thinking.', 'reasoning_content becomes thinking, not content')
  const call = upstream.calls[0]!
  t.equal(call.path, '/deepseek/chat/completions')
  t.equal(call.headers.authorization, 'Bearer sk-deepseek-ollama-js')
  t.same(call.body.thinking, { type: 'enabled' })
})

t.test('chat through a built-in alias and a config alias with a preset', async (t) => {
  const { ollama, upstream } = await client(t)
  const builtin = await ollama.chat({ model: 'qwen2:7b', messages: [{ role: 'user', content: 'Hi' }] })
  t.equal(builtin.message.content, 'Hello world!')
  t.equal(builtin.model, 'qwen2:7b')
  t.equal(upstream.calls[0]?.body.model, 'qwen2-7b-instruct')
  t.equal(upstream.calls[0]?.headers.authorization, 'Bearer sk-dashscope-ollama-js')

  const configured = await ollama.chat({ model: 'helper', messages: [{ role: 'user', content: 'Hi' }] })
  t.equal(configured.message.content, 'Hello world!')
  const call = upstream.calls[1]!
  t.equal(call.body.model, 'qwen-plus', 'the alias target was a bare name, routed to DashScope')
  t.same(call.body.messages, [{ role: 'system', content: 'Answer in one line.' }, { role: 'user', content: 'Hi' }])
  t.equal(call.body.temperature, 0.3)
})
