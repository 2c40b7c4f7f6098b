import t from 'tap'
import { clientStatusFor } from '../../src/upstream/upstream-error.js'

t.test('upstream statuses map to what an Ollama client should see', async (t) => {
  const table: Array<[number, string, number]> = [
    [400, 'messages: must not be empty', 400],
    [400, 'Model does not exist. Please check it carefully.', 404],
    [400, 'The model `gpt-9` does not exist or you do not have access to it.', 404],
    [401, 'Incorrect API key provided', 401],
    [400, 'INVALID_ARGUMENT: API key not valid. Please pass a valid API key.', 401],
    [403, 'unsupported region', 401],
    [404, 'not found', 404],
    [413, 'too large', 413],
    [422, 'unprocessable', 400],
    [429, 'rate limited', 429],
    [500, 'oops', 502],
    [502, 'bad gateway', 502],
    [503, 'unavailable', 503],
    [529, 'overloaded', 503]
  ]
  for (const [upstream, message, expected] of table) t.equal(clientStatusFor(upstream, message), expected, `${upstream} ${message}`)
})
