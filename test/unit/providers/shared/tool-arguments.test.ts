import t from 'tap'
import { readToolArguments } from '../../../../providers/shared/tool-arguments.js'

t.test('JSON text or an object becomes the arguments object; blank text is a call without arguments', async (t) => {
  t.same(readToolArguments('{"city":"Tokyo"}'), { city: 'Tokyo' }, 'OpenAI-style arguments text')
  t.same(readToolArguments('{"city": "Tok'), undefined, 'a cut stream')
  t.same(readToolArguments({ city: 'Oslo' }), { city: 'Oslo' }, 'a newer Ollama sends an object')
  t.same(readToolArguments(''), {})
  t.same(readToolArguments('  \n'), {})
})

t.test('anything but a JSON object is refused', async (t) => {
  for (const value of ['[1,2]', '42', '"text"', 'null', [1], null, 7]) t.equal(readToolArguments(value), undefined, JSON.stringify(value))
})
