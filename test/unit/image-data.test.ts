import t from 'tap'
import { base64ErrorOffset } from '../../src/ollama/image-data.js'

t.test('valid standard base64, with padding and newlines, decodes', async (t) => {
  for (const text of ['', 'QQ==', 'QUI=', 'QUJD', 'QUJD\nREVG', 'QUJDRA==\r\n', 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk']) {
    t.equal(base64ErrorOffset(text), undefined, JSON.stringify(text))
  }
})

t.test('Go\'s offsets for what does not decode', async (t) => {
  // Offsets as Go's base64.StdEncoding.Decode reports them (CorruptInputError).
  t.equal(base64ErrorOffset('data:image/png;base64,iVBORw0KGgo='), 4, 'a data: prefix fails at the colon')
  t.equal(base64ErrorOffset('QUJ'), 0, 'missing padding: offset of the short quantum')
  t.equal(base64ErrorOffset('QUJDRA'), 4)
  t.equal(base64ErrorOffset('Q==='), 1, 'padding after one character')
  t.equal(base64ErrorOffset('QQ='), 3, 'one = where two are needed')
  t.equal(base64ErrorOffset('QQ=A'), 2, 'Go reports the first = when the second is missing')
  t.equal(base64ErrorOffset('QUI=QUJD'), 4, 'data after padding')
  t.equal(base64ErrorOffset('QU-D'), 2, 'URL-safe alphabet is not standard base64')
})
