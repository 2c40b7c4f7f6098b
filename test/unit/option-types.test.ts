import t from 'tap'
import { checkOptionTypes, readOptions } from '../../src/core/ollama-options.js'

t.test('wrong types answer Ollama\'s wording', async (t) => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ temperature: 'hot' }, 'option "temperature" must be of type float32'],
    [{ num_ctx: '4096' }, 'option "num_ctx" must be of type integer'],
    [{ top_k: true }, 'option "top_k" must be of type integer'],
    [{ stop: 'END' }, 'option "stop" must be of type array'],
    [{ stop: ['END', 3] }, 'option "stop" must be of an array of strings'],
    [{ use_mmap: 'yes' }, 'option "use_mmap" must be of type boolean']
  ]
  for (const [options, message] of cases) {
    t.throws(() => checkOptionTypes(options), { message, statusCode: 500 }, message)
  }
})

t.test('integers sent as floats are truncated; null, unknown and removed options are ignored', async (t) => {
  t.same(checkOptionTypes({ num_predict: 50.9, top_k: 40, mirostat: 'x', penalize_newline: 'y', temperature: null }), { num_predict: 50, top_k: 40 })
})

t.test('every option with an upstream equivalent is read; no-limit and random values are not', async (t) => {
  const options = { temperature: 0.5, top_p: 0.9, top_k: 20, min_p: 0.1, repeat_penalty: 1.2, num_predict: 100, stop: ['a'], seed: 3, presence_penalty: 0.1, frequency_penalty: 0.2, num_ctx: 8192 }
  t.same(readOptions(options), {
    temperature: 0.5,
    topP: 0.9,
    topK: 20,
    minP: 0.1,
    repeatPenalty: 1.2,
    maxTokens: 100,
    stop: ['a'],
    seed: 3,
    presencePenalty: 0.1,
    frequencyPenalty: 0.2,
    // The whole object as sent, for an upstream that is itself Ollama.
    ollamaOptions: options
  })
  t.same(readOptions({ num_predict: -1, seed: -1 }), { ollamaOptions: { num_predict: -1, seed: -1 } })
})
