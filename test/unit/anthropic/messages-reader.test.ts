import t from 'tap'
import { readMessagesRequest, readThink } from '../../../src/anthropic/messages-reader.js'
import type { AnthropicMessagesRequest } from '../../../src/schemas/anthropic.js'

/** Blocks carry fields the schema leaves open (`additionalProperties`), so bodies are written as the wire has them. */
const base = (fields: Record<string, unknown>): AnthropicMessagesRequest => ({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], ...fields }) as AnthropicMessagesRequest

t.test('Ollama\'s checks, in its order and wording', async (t) => {
  t.throws(() => readMessagesRequest(base({ model: '', max_tokens: 0 })), { message: 'model is required', statusCode: 400 })
  t.throws(() => readMessagesRequest(base({ max_tokens: 0 })), { message: 'max_tokens is required and must be positive' })
  t.throws(() => readMessagesRequest(base({ max_tokens: undefined })), { message: 'max_tokens is required and must be positive' })
  t.throws(() => readMessagesRequest(base({ messages: [] })), { message: 'messages is required' })
  t.throws(() => readMessagesRequest(base({ messages: [{ role: 'system', content: 'x' }] })), { message: "messages.0.role: Input should be 'user' or 'assistant'" })
  t.throws(() => readMessagesRequest(base({ messages: [{ role: 'assistant', content: [{ type: 'tool_use', name: 'f', input: {} }] }] })), { message: "tool_use block missing required 'id' field" })
  t.throws(() => readMessagesRequest(base({ messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'ab$c' } }] }] })), { message: 'invalid base64 image data: illegal base64 data at input byte 2' })
  t.throws(() => readMessagesRequest(base({ messages: [{ role: 'user', content: [{ type: 'image' }] }] })), { message: 'invalid image source' })
})

t.test('system blocks, sampling under Ollama option names, stream', async (t) => {
  const read = readMessagesRequest(base({
    system: [{ type: 'text', text: 'One.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Two.' }],
    temperature: 0.5,
    top_k: 40,
    stop_sequences: ['###'],
    stream: true
  }))
  t.same(read.chat.messages, [{ role: 'system', content: 'One.\n\nTwo.' }, { role: 'user', content: 'hi' }])
  t.same(read.chat.options, { temperature: 0.5, topK: 40, maxTokens: 100, stop: ['###'], ollamaOptions: { num_predict: 100, temperature: 0.5, top_k: 40, stop: ['###'] } })
  t.equal(read.stream, true)
  t.equal(readMessagesRequest(base({})).stream, false, 'not streamed unless asked')
})

t.test('a tool loop: tool_result blocks become tool messages ahead of the user\'s text, thinking is kept', async (t) => {
  const read = readMessagesRequest(base({
    messages: [
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Use it.', signature: 'sig' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } }
        ]
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'rain' }] }, { type: 'text', text: 'And tomorrow?' }] }
    ]
  }))
  t.same(read.chat.messages, [
    { role: 'user', content: 'Weather?' },
    { role: 'assistant', content: 'Checking.', thinking: 'Use it.', thinkingSignature: 'sig', toolCalls: [{ id: 'toolu_1', name: 'get_weather', arguments: { city: 'Oslo' } }] },
    { role: 'tool', content: 'rain', toolCallId: 'toolu_1', toolName: 'get_weather' },
    { role: 'user', content: 'And tomorrow?' }
  ])
  const twoBlocks = readMessagesRequest(base({
    messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 'A', signature: 's1' }, { type: 'thinking', thinking: 'B', signature: 's2' }] }]
  }))
  t.same(twoBlocks.chat.messages, [{ role: 'assistant', content: '', thinking: 'AB' }], 'two signed blocks joined cannot keep either signature')
})

t.test('thinking and effort to think', async (t) => {
  t.equal(readThink({ type: 'disabled' }, 'high'), false)
  t.equal(readThink({ type: 'enabled' }, undefined), true)
  t.equal(readThink({ type: 'enabled', budget_tokens: 1024 }, undefined), 'low')
  t.equal(readThink({ type: 'enabled', budget_tokens: 4000 }, undefined), 'low', 'Claude Code\'s "think"')
  t.equal(readThink({ type: 'enabled', budget_tokens: 10_000 }, undefined), 'medium')
  t.equal(readThink({ type: 'enabled', budget_tokens: 16_384 }, undefined), 'high')
  t.equal(readThink({ type: 'enabled', budget_tokens: 31_999 }, undefined), 'max', 'Claude Code\'s "ultrathink"')
  t.equal(readThink({ type: 'adaptive' }, 'low'), 'low')
  t.equal(readThink({ type: 'adaptive' }, undefined), true)
  t.equal(readThink(undefined, ' XHigh '), 'high', 'as Ollama normalises it')
  t.equal(readThink(undefined, 'max'), 'max')
  t.equal(readThink(undefined, 'extreme'), undefined, 'unknown efforts are ignored')
  t.equal(readThink(undefined, undefined), undefined)
  t.same(readMessagesRequest(base({ output_config: { format: { type: 'json_schema', schema: { type: 'object' } } } })).chat.format, { type: 'object' })
})

t.test('tools: custom only, with their schema', async (t) => {
  const read = readMessagesRequest(base({ tools: [{ name: 'f', description: 'F', input_schema: { type: 'object' } }, { type: 'custom', name: 'g' }] }))
  t.same(read.chat.tools, [{ name: 'f', description: 'F', parameters: { type: 'object' } }, { name: 'g' }])
  t.throws(() => readMessagesRequest(base({ tools: [{ type: 'bash_20250124', name: 'bash' }] })), { message: /tool type "bash_20250124" is not supported/ })
  t.throws(() => readMessagesRequest(base({ tools: [{ name: 'f', input_schema: 'x' }] })), { message: 'invalid input_schema for tool "f": not a JSON object' })
})
