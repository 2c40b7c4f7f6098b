import t from 'tap'
import { geminiProtocol } from '../../providers/protocols/gemini/protocol.js'
import { openAiCompatibleProtocol } from '../../providers/protocols/openai-compatible/protocol.js'
import { clientStatusFor } from '../../src/upstream/upstream-error.js'

t.test('upstream statuses map to what an Ollama client should see', async (t) => {
  // The generic rule; the protocol decides first where a provider words an answer its own way.
  const table: Array<[number, string, number, Parameters<typeof clientStatusFor>[2]]> = [
    [400, 'messages: must not be empty', 400, openAiCompatibleProtocol],
    [400, 'Model does not exist. Please check it carefully.', 404, openAiCompatibleProtocol],
    [400, 'The model `gpt-9` does not exist or you do not have access to it.', 404, openAiCompatibleProtocol],
    [401, 'Incorrect API key provided', 401, openAiCompatibleProtocol],
    [400, 'INVALID_ARGUMENT: API key not valid. Please pass a valid API key.', 401, geminiProtocol],
    [403, 'unsupported region', 401, undefined],
    [404, 'not found', 404, undefined],
    [413, 'too large', 413, undefined],
    [422, 'unprocessable', 400, undefined],
    [429, 'rate limited', 429, undefined],
    [500, 'oops', 502, undefined],
    [502, 'bad gateway', 502, undefined],
    [503, 'unavailable', 503, undefined],
    [529, 'overloaded', 503, undefined]
  ]
  for (const [upstream, message, expected, protocol] of table) t.equal(clientStatusFor(upstream, message, protocol), expected, `${upstream} ${message}`)
})

t.test('a provider\'s own wording stays its own: without its protocol, the generic rule applies', async (t) => {
  t.equal(clientStatusFor(400, 'Model does not exist. Please check it carefully.'), 400)
  t.equal(clientStatusFor(400, 'INVALID_ARGUMENT: API key not valid. Please pass a valid API key.', openAiCompatibleProtocol), 400)
  t.equal(clientStatusFor(400, 'The model `gpt-9` does not exist or you do not have access to it.', geminiProtocol), 400)
})
