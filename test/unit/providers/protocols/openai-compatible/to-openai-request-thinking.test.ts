import t from 'tap'
import type { ThinkSetting } from '../../../../../src/core/chat-request.js'
import { nearestEffort, toOpenAiRequest } from '../../../../../providers/protocols/openai-compatible/to-openai-request.js'
import { openAiDescriptor } from '../../../../../providers/presets/openai.js'
import type { ProviderQuirks } from '../../../../../providers/protocols/openai-compatible/quirks.js'

const card = openAiDescriptor.models[0]!

/** Only the fields a thinking switch can set, so each case states the whole upstream effect. */
function thinkingFields (quirks: Partial<ProviderQuirks>, think: ThinkSetting | undefined) {
  const body = toOpenAiRequest({ messages: [{ role: 'user', content: 'x' }], options: {}, ...(think === undefined ? {} : { think }) }, {
    descriptor: { ...openAiDescriptor, quirks: { thinkingControl: 'none', streamUsageOption: true, ...quirks } },
    card
  })
  const fields: Record<string, unknown> = {}
  for (const key of ['reasoning_effort', 'enable_thinking', 'thinking_budget', 'thinking'] as const) {
    if (body[key] !== undefined) fields[key] = body[key]
  }
  return fields
}

const VALUES: Array<ThinkSetting | undefined> = [undefined, true, false, 'low', 'medium', 'high', 'max']

t.test('reasoning-effort: levels by name, true is medium, max the strongest, false leaves the default', async (t) => {
  const expected = [{}, { reasoning_effort: 'medium' }, {}, { reasoning_effort: 'low' }, { reasoning_effort: 'medium' }, { reasoning_effort: 'high' }, { reasoning_effort: 'high' }]
  VALUES.forEach((think, index) => t.same(thinkingFields({ thinkingControl: 'reasoning-effort' }, think), expected[index], `think ${String(think)}`))
  const withNone = { thinkingControl: 'reasoning-effort' as const, reasoningEfforts: ['none', 'low', 'medium', 'high', 'xhigh'] }
  t.same(thinkingFields(withNone, false), { reasoning_effort: 'none' }, 'false is sent as none where the provider has it')
  t.same(thinkingFields(withNone, 'max'), { reasoning_effort: 'xhigh' })
})

t.test('enable-thinking: the flag always, false included, and a budget per level', async (t) => {
  const expected = [
    {},
    { enable_thinking: true },
    { enable_thinking: false },
    { enable_thinking: true, thinking_budget: 2048 },
    { enable_thinking: true, thinking_budget: 8192 },
    { enable_thinking: true, thinking_budget: 16384 },
    { enable_thinking: true, thinking_budget: 32768 }
  ]
  VALUES.forEach((think, index) => t.same(thinkingFields({ thinkingControl: 'enable-thinking' }, think), expected[index], `think ${String(think)}`))
  t.same(thinkingFields({ thinkingControl: 'enable-thinking', thinkingBudgets: false }, 'high'), { enable_thinking: true })
  t.same(thinkingFields({ thinkingControl: 'enable-thinking', thinkingBudgets: { low: 1, medium: 2, high: 3, max: 4 } }, 'low'), { enable_thinking: true, thinking_budget: 1 })
})

t.test('thinking-type: enabled or disabled, with the provider\'s effort beside it when it has one', async (t) => {
  const plain = [{}, { thinking: { type: 'enabled' } }, { thinking: { type: 'disabled' } }, { thinking: { type: 'enabled' } }, { thinking: { type: 'enabled' } }, { thinking: { type: 'enabled' } }, { thinking: { type: 'enabled' } }]
  VALUES.forEach((think, index) => t.same(thinkingFields({ thinkingControl: 'thinking-type' }, think), plain[index], `think ${String(think)}`))
  // DeepSeek: low and medium map to high, max to max; true keeps the provider's default effort.
  const deepSeek = { thinkingControl: 'thinking-type' as const, reasoningEfforts: ['high', 'max'] }
  const enabled = { type: 'enabled' }
  const expected = [{}, { thinking: enabled }, { thinking: { type: 'disabled' } }, { thinking: enabled, reasoning_effort: 'high' }, { thinking: enabled, reasoning_effort: 'high' }, { thinking: enabled, reasoning_effort: 'high' }, { thinking: enabled, reasoning_effort: 'max' }]
  VALUES.forEach((think, index) => t.same(thinkingFields(deepSeek, think), expected[index], `deepseek think ${String(think)}`))
})

t.test('none: nothing is sent for any value', async (t) => {
  for (const think of VALUES) t.same(thinkingFields({ thinkingControl: 'none' }, think), {}, `think ${String(think)}`)
})

t.test('nearest effort', async (t) => {
  t.equal(nearestEffort('low', ['minimal', 'low', 'medium', 'high']), 'low')
  t.equal(nearestEffort('max', ['minimal', 'low', 'medium', 'high']), 'high')
  t.equal(nearestEffort('medium', ['low', 'high', 'max']), 'high')
  t.equal(nearestEffort('high', ['low']), 'low')
})
