import t from 'tap'
import { envNames } from '../../../../../providers/define-provider.js'
import { definePreset, presetDescriptor } from '../../../../../providers/protocols/openai-compatible/define-preset.js'

const acme = {
  id: 'acme-ai',
  displayName: 'Acme AI',
  defaultBaseUrl: 'https://api.acme.example/v1',
  defaultCapabilities: ['completion' as const],
  defaultContextLength: 8192,
  models: [],
  quirks: { thinkingControl: 'none' as const, streamUsageOption: true }
}

t.test('variables are named after the id, other key spellings after the first', async (t) => {
  t.same(envNames('acme-ai'), { apiKeyEnv: ['ACME_AI_API_KEY'], baseUrlEnv: 'ACME_AI_BASE_URL', modelsEnv: 'ACME_AI_MODELS', remoteHostEnv: 'ACME_AI_REMOTE_HOST' })
  t.same(envNames('dashscope', 'DATASCOPE_API_KEY').apiKeyEnv, ['DASHSCOPE_API_KEY', 'DATASCOPE_API_KEY'])
})

t.test('a preset is a frozen descriptor on the OpenAI-compatible protocol, and its index entry', async (t) => {
  const descriptor = presetDescriptor({ ...acme, otherApiKeyNames: ['ACME_KEY'] })
  t.same(descriptor, {
    ...acme,
    protocol: 'openai-chat',
    apiKeyEnv: ['ACME_AI_API_KEY', 'ACME_KEY'],
    baseUrlEnv: 'ACME_AI_BASE_URL',
    modelsEnv: 'ACME_AI_MODELS',
    remoteHostEnv: 'ACME_AI_REMOTE_HOST'
  })
  t.notOk('otherApiKeyNames' in descriptor)
  t.ok(Object.isFrozen(descriptor))
  const entry = definePreset(acme)
  t.equal(entry.descriptor.id, 'acme-ai')
  t.equal(typeof entry.plugin, 'function')
})
