/** CONFIG_FILE in YAML and JSON: aliases with presets and fallbacks, OpenAI-compatible servers, and boot failures. */
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { buildProviderApp } from '../helpers/provider-app.js'

const chat = (model: string, extra: Record<string, unknown> = {}) => ({ method: 'POST' as const, url: '/api/chat', payload: { model, messages: [{ role: 'user', content: 'Hi' }], stream: false, ...extra } })

const YAML_CONFIG = `
# Aliases: a shorthand target, or a target with a preset.
aliases:
  fast: deepseek/deepseek-v4-flash
  reviewer:
    target: deepseek/deepseek-v4-pro
    system: You review code tersely.
    options:
      temperature: 0.2
      num_predict: 256
    fallbacks: [dashscope/qwen-plus, fast]
  # A config alias may replace a built-in one.
  deepseek-coder:
    target: deepseek/deepseek-v4-pro
servers:
  - id: local-vllm
    baseUrl: {{ORIGIN}}/vllm/v1
    models:
      - Qwen/Qwen3-8B
      - id: Qwen/Qwen3-Embedding-0.6B
        capabilities: [embedding]
        contextLength: 8192
        embeddingBatchSize: 32
  - id: gateway
    displayName: Company gateway
    baseUrl: {{ORIGIN}}/gateway/v1/
    apiKey: sk-gateway-config-key
    thinkingControl: enable-thinking
    capabilities: [completion, tools, thinking]
    contextLength: 65536
    models: [corp-chat]
`

/** The part of a tap test these helpers use. */
interface TapTest {
  testdir(content: Record<string, string>): string
  teardown(fn: () => unknown): void
  equal: typeof t.equal
  same: typeof t.same
  ok: typeof t.ok
  notOk: typeof t.notOk
  notMatch: typeof t.notMatch
}

function writeConfig (t: TapTest, name: string, content: string): string {
  return `${t.testdir({ [name]: content })}/${name}`
}

async function checkConfiguredApp (t: TapTest, configFor: (origin: string) => string) {
  const { app, upstream } = await buildProviderApp(t, (origin) => ({
    DEEPSEEK_API_KEY: 'sk-deepseek-config',
    DEEPSEEK_BASE_URL: `${origin}/deepseek`,
    CONFIG_FILE: configFor(origin)
  }))

  t.equal((await app.inject(chat('fast'))).statusCode, 200)
  t.equal(upstream.calls[0]?.body.model, 'deepseek-v4-flash', 'a shorthand alias')

  const reviewed = await app.inject(chat('reviewer:latest'))
  t.equal(reviewed.statusCode, 200)
  t.equal(reviewed.json<{ model: string }>().model, 'reviewer:latest')
  const presetCall = upstream.calls[1]!
  t.equal(presetCall.body.model, 'deepseek-v4-pro')
  t.same(presetCall.body.messages, [{ role: 'system', content: 'You review code tersely.' }, { role: 'user', content: 'Hi' }], 'the preset system prompt')
  t.equal(presetCall.body.temperature, 0.2, 'the preset temperature')
  t.equal(presetCall.body.max_tokens, 256, 'the preset num_predict')

  await app.inject(chat('reviewer', { messages: [{ role: 'system', content: 'Mine.' }, { role: 'user', content: 'Hi' }], options: { temperature: 0.9 } }))
  t.same(upstream.calls[2]?.body.messages, [{ role: 'system', content: 'Mine.' }, { role: 'user', content: 'Hi' }], 'the request\'s own system prompt wins')
  t.equal(upstream.calls[2]?.body.temperature, 0.9, 'the request\'s own options win')
  t.equal(upstream.calls[2]?.body.max_tokens, 256, 'preset options the request does not set still apply')

  const alias = app.providers.getAlias('reviewer')
  t.same(alias?.fallbacks, ['dashscope/qwen-plus', 'fast'], 'fallbacks are stored on the alias')
  t.equal(alias?.origin, 'config')
  t.equal(app.providers.getAlias('qwen2:7b')?.origin, 'builtin', 'built-ins are still there')

  await app.inject(chat('deepseek-coder'))
  t.equal(upstream.calls[3]?.body.model, 'deepseek-v4-pro', 'the config file replaced the built-in alias')

  const vllm = await app.inject(chat('local-vllm/Qwen/Qwen3-8B'))
  t.equal(vllm.statusCode, 200)
  t.equal(upstream.calls[4]?.path, '/vllm/v1/chat/completions')
  t.equal(upstream.calls[4]?.body.model, 'Qwen/Qwen3-8B')
  t.equal(upstream.calls[4]?.headers.authorization, undefined, 'a server without a key gets no authorization header')

  await app.inject(chat('gateway/corp-chat', { think: true }))
  t.equal(upstream.calls[5]?.path, '/gateway/v1/chat/completions')
  t.equal(upstream.calls[5]?.headers.authorization, 'Bearer sk-gateway-config-key')
  t.equal(upstream.calls[5]?.body.enable_thinking, true, 'the server\'s thinking control')

  const listed = (await app.inject({ method: 'GET', url: '/api/tags' })).json<{ models: Array<{ name: string, capabilities: string[], details: { context_length: number } }> }>().models
  const names = listed.map((model) => model.name)
  for (const name of ['fast:latest', 'reviewer:latest', 'local-vllm/Qwen/Qwen3-8B:latest', 'local-vllm/Qwen/Qwen3-Embedding-0.6B:latest', 'gateway/corp-chat:latest']) {
    t.ok(names.includes(name), `${name} listed`)
  }
  t.same(listed.find((model) => model.name === 'gateway/corp-chat:latest')?.capabilities, ['completion', 'tools', 'thinking'])
  t.equal(listed.find((model) => model.name === 'gateway/corp-chat:latest')?.details.context_length, 65_536)
  t.same(listed.find((model) => model.name === 'local-vllm/Qwen/Qwen3-Embedding-0.6B:latest')?.capabilities, ['embedding'])
  t.equal(app.providers.get('local-vllm')?.models.find((model) => model.id === 'Qwen/Qwen3-Embedding-0.6B')?.embeddingBatchSize, 32)
  t.notOk(names.includes('qwen2:7b'), 'built-in aliases of inactive providers are not listed')

  const show = await app.inject({ method: 'POST', url: '/api/show', payload: { model: 'reviewer' } })
  t.same(show.json<{ capabilities: string[] }>().capabilities, ['completion', 'tools', 'thinking', 'insert'], 'an alias shows its target\'s capabilities')
  t.notMatch(JSON.stringify(listed), /sk-gateway-config-key/, 'no key in the listing')
}

t.test('a YAML config file', async (t) => {
  await checkConfiguredApp(t, (origin) => writeConfig(t, 'adapter.yaml', YAML_CONFIG.replaceAll('{{ORIGIN}}', origin)))
})

t.test('the same config as JSON', async (t) => {
  await checkConfiguredApp(t, (origin) => writeConfig(t, 'adapter.json', JSON.stringify({
    aliases: {
      fast: 'deepseek/deepseek-v4-flash',
      reviewer: { target: 'deepseek/deepseek-v4-pro', system: 'You review code tersely.', options: { temperature: 0.2, num_predict: 256 }, fallbacks: ['dashscope/qwen-plus', 'fast'] },
      'deepseek-coder': { target: 'deepseek/deepseek-v4-pro' }
    },
    servers: [
      { id: 'local-vllm', baseUrl: `${origin}/vllm/v1`, models: ['Qwen/Qwen3-8B', { id: 'Qwen/Qwen3-Embedding-0.6B', capabilities: ['embedding'], contextLength: 8192, embeddingBatchSize: 32 }] },
      { id: 'gateway', displayName: 'Company gateway', baseUrl: `${origin}/gateway/v1/`, apiKey: 'sk-gateway-config-key', thinkingControl: 'enable-thinking', capabilities: ['completion', 'tools', 'thinking'], contextLength: 65536, models: ['corp-chat'] }
    ]
  }, null, 2)))
})

t.test('an empty config file configures nothing', async (t) => {
  const path = writeConfig(t, 'empty.yaml', '# nothing yet\n')
  const app = await buildApp({ logger: false, env: { CONFIG_FILE: path } })
  t.teardown(() => app.close())
  t.same(app.configFile, {})
})

t.test('a bad config file stops the boot with a message naming the file and the problem', async (t) => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['broken.yaml', 'aliases:\n  fast: [unclosed\n', 'not YAML', /CONFIG_FILE .*broken\.yaml is not valid YAML/],
    ['broken.json', '{"aliases": {', 'not JSON', /CONFIG_FILE .*broken\.json is not valid JSON/],
    ['typo.yaml', 'alias:\n  fast: deepseek/deepseek-chat\n', 'an unknown top-level key', /CONFIG_FILE .*typo\.yaml is invalid: .*alias/],
    ['target.yaml', 'aliases:\n  fast:\n    target: 42\n', 'a target that is not a string', /CONFIG_FILE .*target\.yaml is invalid: \/aliases\/fast\/target: Expected string/],
    ['extra.yaml', 'aliases:\n  fast:\n    target: deepseek/deepseek-chat\n    temperature: 0.2\n', 'an option outside `options`', /CONFIG_FILE .*extra\.yaml is invalid: \/aliases\/fast\/temperature: Unexpected property/],
    ['options.yaml', 'aliases:\n  fast:\n    target: deepseek/deepseek-chat\n    options:\n      temperature: hot\n', 'an option of the wrong type', /CONFIG_FILE .*options\.yaml is invalid: \/aliases\/fast\/options: option "temperature" must be of type float32/],
    ['server.yaml', 'servers:\n  - id: Local VLLM\n    baseUrl: localhost:8000\n    models: []\n', 'a bad server', /CONFIG_FILE .*server\.yaml is invalid: \/servers\/0/],
    ['twice.yaml', 'servers:\n  - id: local\n    baseUrl: http://a/v1\n    models: [m]\n  - id: local\n    baseUrl: http://b/v1\n    models: [m]\n', 'a server id declared twice', /server id 'local' is declared twice/],
    ['clash.yaml', 'servers:\n  - id: openai\n    baseUrl: http://a/v1\n    models: [m]\n', 'a server named like an active provider', /server id 'openai' is a built-in provider id/],
    ['inactive.yaml', 'servers:\n  - id: dashscope\n    baseUrl: http://a/v1\n    models: [m]\n', 'a server named like an inactive provider', /server id 'dashscope' is a built-in provider id/]
  ]
  for (const [name, content, what, message] of cases) {
    const path = writeConfig(t, name, content)
    await t.rejects(buildApp({ logger: false, env: { CONFIG_FILE: path, OPENAI_API_KEY: 'sk-openai-key-for-clash' } }), message, what)
  }
  await t.rejects(buildApp({ logger: false, env: { CONFIG_FILE: '/nonexistent/adapter.yaml' } }), /CONFIG_FILE \/nonexistent\/adapter\.yaml cannot be read/, 'a missing file')
})
