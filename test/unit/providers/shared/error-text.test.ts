import t from 'tap'
import { readErrorText } from '../../../../providers/shared/error-text.js'

const readMessage = (body: unknown): string | undefined => (body as { message?: string } | null)?.message

t.test('JSON goes to the protocol\'s reader, whose answer is final', async (t) => {
  t.equal(readErrorText('{"message":"model not found"}', readMessage), 'model not found')
  t.equal(readErrorText('{"detail":"nothing the reader knows"}', readMessage), undefined)
})

t.test('other text is the message, trimmed and cut to 500 characters; blank is nothing', async (t) => {
  t.equal(readErrorText('  <html>Bad Gateway</html>\n', readMessage), '<html>Bad Gateway</html>')
  t.equal(readErrorText('x'.repeat(600), readMessage), 'x'.repeat(500))
  t.equal(readErrorText(' \n ', readMessage), undefined)
})
