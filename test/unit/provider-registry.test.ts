import t from 'tap'
import { ProviderRegistry } from '../../src/core/provider-registry.js'
import { Secret } from '../../src/core/secret.js'
import { openAiCompatibleProtocol } from '../../providers/protocols/openai-compatible/protocol.js'
import { openAiDescriptor } from '../../providers/presets/openai.js'

function registry (): ProviderRegistry {
  const providers = new ProviderRegistry()
  providers.register({ descriptor: openAiDescriptor, protocol: openAiCompatibleProtocol, apiKey: new Secret('k'), baseUrl: 'http://x', models: openAiDescriptor.models })
  return providers
}

t.test('provider models resolve with or without :latest, case-insensitively', async (t) => {
  const providers = registry()
  t.equal(providers.resolve('openai/gpt-4o')?.name, 'openai/gpt-4o:latest')
  t.equal(providers.resolve('OpenAI/GPT-4o:latest')?.card.id, 'gpt-4o')
  t.equal(providers.resolve('nosuchprovider/nope'), undefined, 'an unknown provider')
  t.equal(providers.resolve('gpt-4o')?.name, 'openai/gpt-4o:latest', 'a bare gpt-* name routes to the active openai provider')
  t.match(providers.resolve('openai/Org/Some:Model'), { name: 'openai/Org/Some:Model', card: { id: 'Org/Some:Model', inferred: true } }, 'any id passes through as written')
  t.match(providers.resolve('gpt-nope:latest'), { name: 'openai/gpt-nope:latest', card: { id: 'gpt-nope' } }, 'so does a bare name the provider claims')
  t.equal(providers.resolve('llama-nope'), undefined, 'a bare name no provider claims or lists')
})

t.test('aliases carry presets, chain, and are listed', async (t) => {
  const providers = registry()
  providers.addAlias({ name: 'helper', target: 'openai/gpt-4o', preset: { system: 'Be brief', options: { temperature: 0.1, top_p: 0.5 } }, origin: 'user' })
  providers.addAlias({ name: 'helper2:v1', target: 'helper', preset: { options: { temperature: 0.9 } }, origin: 'user' })
  const resolved = providers.resolve('helper2:v1')
  t.equal(resolved?.name, 'helper2:v1')
  t.equal(resolved?.card.id, 'gpt-4o')
  t.same(resolved?.preset, { system: 'Be brief', options: { temperature: 0.9, top_p: 0.5 } })
  t.equal(providers.resolve('helper:latest')?.name, 'helper:latest')
  t.ok(providers.list().some((model) => model.name === 'helper2:v1'))
  providers.addAlias({ name: 'dangling', target: 'nowhere/x', origin: 'config' })
  t.equal(providers.resolve('dangling'), undefined)
  t.notOk(providers.list().some((model) => model.name === 'dangling:latest'), 'unservable aliases are not listed')
  providers.addAlias({ name: 'loop', target: 'loop', origin: 'config' })
  t.equal(providers.resolve('loop'), undefined, 'a cycle ends')
  t.ok(providers.removeAlias('helper:latest'))
  t.equal(providers.resolve('helper2:v1'), undefined)
})
