import t from 'tap'
import { readOpenAiEmbeddingResponse, toOpenAiEmbeddingRequest } from '../../../../../providers/protocols/openai-compatible/embeddings.js'
import { openAiDescriptor } from '../../../../../providers/presets/openai.js'

const card = openAiDescriptor.models.find((model) => model.id === 'text-embedding-3-small')!
const context = { descriptor: openAiDescriptor, card }

t.test('the request: the card\'s model id, the inputs as a list, floats, dimensions only when asked', async (t) => {
  t.same(toOpenAiEmbeddingRequest(['a', 'b'], {}, context), {
    path: '/embeddings',
    body: { model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float' }
  })
  t.same(toOpenAiEmbeddingRequest(['a'], { dimensions: 256 }, context).body, { model: 'text-embedding-3-small', input: ['a'], dimensions: 256, encoding_format: 'float' })
})

t.test('the answer: vectors placed by index, usage from prompt_tokens or total_tokens', async (t) => {
  const answer = readOpenAiEmbeddingResponse({
    object: 'list',
    data: [{ index: 2, embedding: [0, 0, 1] }, { index: 0, embedding: [1, 0, 0] }, { index: 1, embedding: [0, 1, 0] }],
    usage: { prompt_tokens: 6, total_tokens: 6 }
  }, 3)
  t.same(answer, { embeddings: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], promptTokens: 6 })
  t.same(readOpenAiEmbeddingResponse({ data: [{ embedding: [1] }, { embedding: [2] }], usage: { total_tokens: 4 } }, 2), { embeddings: [[1], [2]], promptTokens: 4 }, 'no index: answer order')
  t.same(readOpenAiEmbeddingResponse({ data: [{ index: 0, embedding: [1] }], usage: null }, 1), { embeddings: [[1]] }, 'no usage, no count')
})

t.test('a malformed answer throws instead of answering wrong vectors', async (t) => {
  const cases: Array<[string, unknown, number, RegExp]> = [
    ['no data', { object: 'list' }, 1, /no data array/],
    ['too few', { data: [{ index: 0, embedding: [1] }] }, 2, /1 embeddings for 2 inputs/],
    ['repeated index', { data: [{ index: 0, embedding: [1] }, { index: 0, embedding: [2] }] }, 2, /index 0 is out of range or repeated/],
    ['index out of range', { data: [{ index: 5, embedding: [1] }] }, 1, /index 5/],
    ['base64 string', { data: [{ index: 0, embedding: 'AACAPw==' }] }, 1, /not an array of numbers/],
    ['null body', null, 1, /no data array/]
  ]
  for (const [name, body, count, message] of cases) t.throws(() => readOpenAiEmbeddingResponse(body, count), message, name)
})
