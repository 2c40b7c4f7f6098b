import t from 'tap'
import { geminiBatchEmbedPath, readGeminiEmbedResponse, toGeminiEmbedRequest } from '../../../../../providers/protocols/gemini/embeddings.js'
import { geminiDescriptor } from '../../../../../providers/presets/gemini.js'

const card = geminiDescriptor.models.find((model) => model.id === 'gemini-embedding-001')!
const context = { descriptor: geminiDescriptor, card }

t.test('the card: an embedding model with Gemini\'s batch limit and full vector length', async (t) => {
  t.match(card, { capabilities: ['embedding'], embeddingBatchSize: 100, embeddingLength: 3072, contextLength: 2048 })
  t.notOk(geminiDescriptor.models.some((model) => model.id === 'text-embedding-004'), 'shut down in January 2026')
})

t.test('the request: one request per input naming models/{id}, outputDimensionality only when asked', async (t) => {
  t.same(toGeminiEmbedRequest(['a', 'b'], {}, context), {
    path: '/v1beta/models/gemini-embedding-001:batchEmbedContents',
    body: {
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'a' }] } },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'b' }] } }
      ]
    }
  })
  t.same(toGeminiEmbedRequest(['a'], { dimensions: 768 }, context).body, {
    requests: [{ model: 'models/gemini-embedding-001', content: { parts: [{ text: 'a' }] }, outputDimensionality: 768 }]
  })
  t.equal(geminiBatchEmbedPath('tuned x'), '/v1beta/models/tuned%20x:batchEmbedContents', 'the id is escaped in the path')
})

t.test('the answer: vectors in request order, no token count', async (t) => {
  const answer = readGeminiEmbedResponse({ embeddings: [{ values: [1, 0] }, { values: [0, 1] }] }, 2)
  t.same(answer, { embeddings: [[1, 0], [0, 1]] })
  t.notOk('promptTokens' in answer, 'Gemini reports no usage, so none is invented')
})

t.test('a malformed answer throws instead of answering wrong vectors', async (t) => {
  const cases: Array<[string, unknown, number, RegExp]> = [
    ['no embeddings', { error: 'x' }, 1, /no embeddings array/],
    ['null body', null, 1, /no embeddings array/],
    ['too few', { embeddings: [{ values: [1] }] }, 2, /1 embeddings for 2 inputs/],
    ['too many', { embeddings: [{ values: [1] }, { values: [2] }] }, 1, /2 embeddings for 1 inputs/],
    ['missing values', { embeddings: [{ values: [1] }, {}] }, 2, /embedding 1 is not an array of numbers/],
    ['null item', { embeddings: [null] }, 1, /embedding 0 is not an array of numbers/],
    ['strings', { embeddings: [{ values: ['1'] }] }, 1, /embedding 0 is not an array of numbers/]
  ]
  for (const [name, body, count, message] of cases) t.throws(() => readGeminiEmbedResponse(body, count), message, name)
})
