/** Each protocol reads its own provider's "no such model" answer, and nothing else, as an unknown model. */
import t from 'tap'
import { anthropicProtocol } from '../../../providers/protocols/anthropic/protocol.js'
import { geminiProtocol } from '../../../providers/protocols/gemini/protocol.js'
import { ollamaProtocol } from '../../../providers/protocols/ollama/protocol.js'
import { openAiCompatibleProtocol } from '../../../providers/protocols/openai-compatible/protocol.js'
import type { Protocol } from '../../../src/core/protocol.js'

/** Error bodies as each provider sends them (providers.md), read by the protocol's own reader. */
const CASES: Array<[string, Protocol, number, string, boolean]> = [
  ['OpenAI', openAiCompatibleProtocol, 404, '{"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.","type":"invalid_request_error","code":"model_not_found"}}', true],
  ['DashScope', openAiCompatibleProtocol, 404, '{"error":{"message":"The model `qwen-nope` does not exist or you do not have access to it.","code":"model_not_found"}}', true],
  ['Ark', openAiCompatibleProtocol, 404, '{"error":{"code":"InvalidEndpointOrModel.NotFound","message":"The model or endpoint doubao-nope does not exist or you do not have access to it."}}', true],
  ['DeepSeek', openAiCompatibleProtocol, 400, '{"error":{"message":"Model Not Exist","type":"invalid_request_error"}}', true],
  ['SiliconFlow', openAiCompatibleProtocol, 400, '{"code":20012,"message":"Model does not exist. Please check it carefully.","data":null}', true],
  ['OpenAI, another 404', openAiCompatibleProtocol, 404, '{"error":{"message":"Invalid URL (POST /v1/chat/completion)","type":"invalid_request_error"}}', false],
  ['OpenAI, a 400 about something else', openAiCompatibleProtocol, 400, '{"error":{"message":"max_tokens is too large","type":"invalid_request_error"}}', false],
  ['Gemini', geminiProtocol, 404, '{"error":{"code":404,"message":"models/gemini-nope is not found for API version v1beta, or is not supported for generateContent.","status":"NOT_FOUND"}}', true],
  ['Gemini, a key refused', geminiProtocol, 400, '{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}', false],
  ['Anthropic', anthropicProtocol, 404, '{"type":"error","error":{"type":"not_found_error","message":"model: claude-nope"}}', true],
  ['Anthropic, another 404', anthropicProtocol, 404, '{"type":"error","error":{"type":"not_found_error","message":"Not Found"}}', false],
  ['Ollama', ollamaProtocol, 404, '{"error":"model \'llama9\' not found"}', true],
  ['Ollama embed', ollamaProtocol, 404, '{"error":"model \\"llama9\\" not found, try pulling it first"}', true],
  ['Ollama, another 404', ollamaProtocol, 404, '404 page not found', false]
]

for (const [name, protocol, status, body, unknown] of CASES) {
  t.test(name, async (t) => {
    const message = protocol.readErrorMessage(body) ?? ''
    t.equal(protocol.isUnknownModel?.(status, message) ?? false, unknown, message)
  })
}
