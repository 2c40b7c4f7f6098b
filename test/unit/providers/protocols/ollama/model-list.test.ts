import t from 'tap'
import { ollamaDescriptor } from '../../../../../providers/presets/ollama.js'
import { readOllamaModelList } from '../../../../../providers/protocols/ollama/model-list.js'
import { ollamaProtocol } from '../../../../../providers/protocols/ollama/protocol.js'
import { ProviderRegistry } from '../../../../../src/core/provider-registry.js'
import { Secret } from '../../../../../src/core/secret.js'

t.test('Ollama /api/tags entries to model cards', async (t) => {
  t.same(readOllamaModelList({
    models: [
      { name: 'llama3.2:latest', model: 'llama3.2:latest', details: { family: 'llama', context_length: 131_072 }, capabilities: ['completion', 'tools', 'audio'] },
      { name: 'bge-m3:latest', details: { family: 'bert', embedding_length: 1024 }, capabilities: ['embedding'] },
      { name: 'old:7b', details: {} },
      { details: {} }
    ]
  }), [
    { id: 'llama3.2', capabilities: ['completion', 'tools'], contextLength: 131_072, family: 'llama' },
    { id: 'bge-m3', capabilities: ['embedding'], contextLength: 4096, family: 'bert', embeddingLength: 1024 },
    { id: 'old:7b', capabilities: ['completion', 'tools', 'thinking', 'vision'], contextLength: 4096, family: 'ollama' }
  ])
  t.throws(() => readOllamaModelList({ error: 'x' }))
})

t.test('an unprefixed provider resolves bare names and lists them; the prefix still works', async (t) => {
  const registry = new ProviderRegistry()
  const models = readOllamaModelList({ models: [{ name: 'llama3.2:latest' }, { name: 'hf.co/org/m:Q4_K_M' }] })
  registry.register({ descriptor: ollamaDescriptor, protocol: ollamaProtocol, apiKey: new Secret(''), baseUrl: 'http://x', models, unprefixed: true })
  t.equal(registry.resolve('llama3.2')?.card.id, 'llama3.2')
  t.equal(registry.resolve('llama3.2:latest')?.name, 'llama3.2:latest')
  t.equal(registry.resolve('ollama/llama3.2')?.card.id, 'llama3.2')
  t.equal(registry.resolve('hf.co/org/m:Q4_K_M')?.name, 'hf.co/org/m:Q4_K_M')
  t.equal(registry.resolve('mistral'), undefined)
  t.same(registry.list().map((model) => model.name), ['hf.co/org/m:Q4_K_M', 'llama3.2:latest'], 'listed by name, without the prefix')
  t.same(ollamaProtocol.authHeaders(''), {}, 'a plain Ollama gets no auth header')
  t.same(ollamaProtocol.authHeaders('k'), { authorization: 'Bearer k' })
})
