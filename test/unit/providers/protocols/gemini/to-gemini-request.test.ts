import t from 'tap'
import { geminiDescriptor } from '../../../../../providers/presets/gemini.js'
import { toGeminiSchema } from '../../../../../providers/protocols/gemini/schema-subset.js'
import { geminiStreamPath, toGeminiRequest } from '../../../../../providers/protocols/gemini/to-gemini-request.js'
import type { ThinkSetting } from '../../../../../src/core/chat-request.js'

const context = (id: string) => ({ descriptor: geminiDescriptor, card: { id, capabilities: geminiDescriptor.defaultCapabilities, contextLength: 1, family: 'gemini' } })
const thinking = (id: string, think: ThinkSetting) => toGeminiRequest({ messages: [], options: {}, think }, context(id)).generationConfig?.thinkingConfig

t.test('think: a budget on 2.x, a level on 3.x, Pro models never fully off', async (t) => {
  t.same(thinking('gemini-2.5-flash', false), { includeThoughts: false, thinkingBudget: 0 })
  t.same(thinking('gemini-2.5-flash', 'low'), { includeThoughts: true, thinkingBudget: 1024 })
  t.same(thinking('gemini-2.5-pro', false), { includeThoughts: false })
  t.same(thinking('gemini-3.5-flash', false), { includeThoughts: false, thinkingLevel: 'minimal' })
  t.same(thinking('gemini-3.1-pro-preview', false), { includeThoughts: false, thinkingLevel: 'low' })
  t.same(thinking('gemini-3.5-flash', 'max'), { includeThoughts: true, thinkingLevel: 'high' })
  t.same(thinking('gemini-3.5-flash', true), { includeThoughts: true })
  t.notOk('generationConfig' in toGeminiRequest({ messages: [], options: {} }, context('gemini-3.5-flash')))
})

t.test('sampling options and stop sequences', async (t) => {
  const body = toGeminiRequest({ messages: [{ role: 'user', content: 'hi' }], options: { temperature: 0.1, topP: 0.2, topK: 3, maxTokens: 9, stop: ['x'], seed: 4, presencePenalty: 0.5, frequencyPenalty: 0.6 } }, context('gemini-2.5-flash'))
  t.same(body.generationConfig, { temperature: 0.1, topP: 0.2, topK: 3, maxOutputTokens: 9, stopSequences: ['x'], seed: 4, presencePenalty: 0.5, frequencyPenalty: 0.6 })
  const many = toGeminiRequest({ messages: [], options: { stop: ['1', '2', '3', '4', '5', '6'] } }, context('gemini-2.5-flash'))
  t.same(many.generationConfig?.stopSequences, ['1', '2', '3', '4', '5'], 'Gemini takes five')
})

t.test('no placeholder signature for 2.x models, which never required one', async (t) => {
  const body = toGeminiRequest({ messages: [{ role: 'assistant', content: '', toolCalls: [{ name: 'f', arguments: {} }] }], options: {} }, context('gemini-2.5-flash'))
  t.same(body.contents, [{ role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] }])
})

t.test('JSON Schema to the OpenAPI subset, and the stream path', async (t) => {
  t.same(toGeminiSchema({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: { list: { type: 'array', items: { const: 'a' } }, either: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] } },
    required: ['list']
  }, 'format'), {
    type: 'object',
    required: ['list'],
    properties: { list: { type: 'array', items: { enum: ['a'] } }, either: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] } }
  })
  t.equal(geminiStreamPath('tunedModels/x y'), '/v1beta/models/tunedModels%2Fx%20y:streamGenerateContent?alt=sse')
})
