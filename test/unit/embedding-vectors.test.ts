import t from 'tap'
import { normaliseVector, toOllamaVector } from '../../src/ollama/embedding-vectors.js'

const length = (vector: number[]) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0))

t.test('unit vectors pass through untouched; others are scaled to length 1; zero stays zero', async (t) => {
  const unit = [0.6, 0.8]
  t.equal(normaliseVector(unit), unit, 'the same array, values exactly as the provider sent them')
  t.same(normaliseVector([3, 4]), [0.6, 0.8])
  t.same(normaliseVector([0, 0, 0]), [0, 0, 0])
})

t.test('dimensions shorten then re-normalise; a larger or absent value changes nothing', async (t) => {
  const vector = [0.5, 0.5, 0.5, 0.5]
  const shortened = toOllamaVector(vector, 2)
  t.equal(shortened.length, 2)
  t.ok(Math.abs(length(shortened) - 1) < 1e-12)
  t.equal(toOllamaVector(vector, 8), vector)
  t.equal(toOllamaVector(vector, undefined), vector)
  t.equal(toOllamaVector(vector, 0), vector)
})
