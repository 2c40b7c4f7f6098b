/**
 * Issue 15, kind 4: every client-supplied structure the service translates (answer schemas, tool parameter
 * schemas, tool-call arguments) is bounded where it enters, in every dialect: nested 5,000 levels deep, or holding
 * more values than the bound, it is a 400 naming the bound, never a 500 or a 502, and nothing reaches the provider.
 */
import t from 'tap'
import { MAX_STRUCTURE_DEPTH, MAX_STRUCTURE_VALUES } from '../../src/core/structure-bounds.js'
import { listenTestApp } from '../helpers/build-app.js'

const LEVELS = 5000
/** A JSON schema nested LEVELS deep, written as text (building it as an object would exhaust the test's own stack). */
const DEEP_SCHEMA = '{"type":"object","properties":{"a":'.repeat(LEVELS) + '{"type":"string"}' + '}}'.repeat(LEVELS)
const DEEP_ARGS = '{"a":'.repeat(LEVELS) + '1' + '}'.repeat(LEVELS)
const WIDE_SCHEMA = `{"type":"object","enum":[${Array.from({ length: MAX_STRUCTURE_VALUES + 1 }, () => '1').join(',')}]}`
const WIDE_ARGS = `{"list":[${Array.from({ length: MAX_STRUCTURE_VALUES + 1 }, () => '1').join(',')}]}`
const hi = '{"role":"user","content":"hi"}'

/** [dialect and structure, path, error shape, body with the structure as `S` (schema) or `A` (arguments), the structure's name in the message]. */
const STRUCTURES: Array<[string, string, 'ollama' | 'openai' | 'anthropic', (schema: string, args: string) => string, string]> = [
  ['/api/chat format', '/api/chat', 'ollama', (s) => `{"model":"openai/fake-text","stream":false,"messages":[${hi}],"format":${s}}`, 'format'],
  ['/api/chat tool parameters', '/api/chat', 'ollama', (s) => `{"model":"openai/fake-tools","stream":false,"messages":[${hi}],"tools":[{"type":"function","function":{"name":"f","parameters":${s}}}]}`, 'the parameters of tool "f"'],
  ['/api/chat tool-call arguments', '/api/chat', 'ollama', (_s, a) => `{"model":"openai/fake-text","stream":false,"messages":[${hi},{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":${a}}}]},{"role":"tool","content":"ok"}]}`, 'the arguments of the call to "f"'],
  ['/api/generate format', '/api/generate', 'ollama', (s) => `{"model":"openai/fake-text","stream":false,"prompt":"hi","format":${s}}`, 'format'],
  ['/v1/chat/completions response_format', '/v1/chat/completions', 'openai', (s) => `{"model":"openai/fake-text","messages":[${hi}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${s}}}}`, 'format'],
  ['/v1/chat/completions tool parameters', '/v1/chat/completions', 'openai', (s) => `{"model":"openai/fake-tools","messages":[${hi}],"tools":[{"type":"function","function":{"name":"f","parameters":${s}}}]}`, 'the parameters of tool "f"'],
  ['/v1/chat/completions tool-call arguments', '/v1/chat/completions', 'openai', (_s, a) => `{"model":"openai/fake-text","messages":[${hi},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":${JSON.stringify(a)}}}]},{"role":"tool","tool_call_id":"c1","content":"ok"}]}`, 'the arguments of the call to "f"'],
  ['/v1/messages output_config.format', '/v1/messages', 'anthropic', (s) => `{"model":"openai/fake-text","max_tokens":10,"messages":[${hi}],"output_config":{"format":{"type":"json_schema","schema":${s}}}}`, 'format'],
  ['/v1/messages tool input_schema', '/v1/messages', 'anthropic', (s) => `{"model":"openai/fake-tools","max_tokens":10,"messages":[${hi}],"tools":[{"name":"f","input_schema":${s}}]}`, 'the parameters of tool "f"'],
  ['/v1/messages tool_use input', '/v1/messages', 'anthropic', (_s, a) => `{"model":"openai/fake-text","max_tokens":10,"messages":[${hi},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"f","input":${a}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}]}`, 'the arguments of the call to "f"'],
  ['/v1/messages/count_tokens tool input_schema', '/v1/messages/count_tokens', 'anthropic', (s) => `{"model":"openai/fake-tools","messages":[${hi}],"tools":[{"name":"f","input_schema":${s}}]}`, 'the parameters of tool "f"'],
  ['/v1/responses text.format', '/v1/responses', 'openai', (s) => `{"model":"openai/fake-text","input":"hi","text":{"format":{"type":"json_schema","name":"x","schema":${s}}}}`, 'format'],
  ['/v1/responses tool parameters', '/v1/responses', 'openai', (s) => `{"model":"openai/fake-tools","input":"hi","tools":[{"type":"function","name":"f","parameters":${s}}]}`, 'the parameters of tool "f"'],
  ['/v1/responses function_call arguments', '/v1/responses', 'openai', (_s, a) => `{"model":"openai/fake-text","input":[{"type":"message","role":"user","content":"hi"},{"type":"function_call","call_id":"c1","name":"f","arguments":${JSON.stringify(a)}},{"type":"function_call_output","call_id":"c1","output":"ok"}]}`, 'the arguments of the call to "f"']
]

function messageOf (shape: 'ollama' | 'openai' | 'anthropic', body: Record<string, unknown>): unknown {
  return shape === 'ollama' ? body.error : (body.error as Record<string, unknown> | undefined)?.message
}

t.test('each client-supplied structure past its bound is a 400 naming the bound', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  for (const [name, path, shape, body, structure] of STRUCTURES) {
    for (const [size, text, message] of [
      ['deep', body(DEEP_SCHEMA, DEEP_ARGS), `${structure} is nested more than ${MAX_STRUCTURE_DEPTH} levels deep`],
      ['wide', body(WIDE_SCHEMA, WIDE_ARGS), `${structure} holds more than ${MAX_STRUCTURE_VALUES} values`]
    ] as const) {
      const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })
      const answer = await response.json() as Record<string, unknown>
      t.equal(response.status, 400, `${name} (${size}): 400`)
      t.equal(messageOf(shape, answer), message, `${name} (${size}): names the bound`)
    }
  }
  t.equal(upstream.calls.length, 0, 'nothing reached the provider')
})

t.test('a structure at the bound is translated and sent', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  const levels = MAX_STRUCTURE_DEPTH / 2 - 1
  const schema = '{"type":"object","properties":{"a":'.repeat(levels) + '{"type":"string"}' + '}}'.repeat(levels)
  const response = await fetch(`${url}/api/chat`, { method: 'POST', body: `{"model":"openai/fake-text","stream":false,"messages":[${hi}],"format":${schema}}` })
  t.equal(response.status, 200)
  t.equal(upstream.calls.length, 1)
})
