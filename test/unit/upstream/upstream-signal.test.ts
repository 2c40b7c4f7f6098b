import t from 'tap'
import { linkUpstreamSignal } from '../../../src/upstream/upstream-signal.js'
import { DeadlineExceededError, ShuttingDownError } from '../../../src/errors.js'

t.test('a shutdown aborts every linked signal still open, with its reason, and none released before it', async (t) => {
  const shutdown = new AbortController()
  const open = Array.from({ length: 1000 }, () => linkUpstreamSignal(new AbortController().signal, shutdown.signal, 60_000))
  const released = open.splice(0, 10)
  for (const link of released) link.release()
  const reason = new ShuttingDownError()
  shutdown.abort(reason)
  t.ok(open.every((link) => link.signal.aborted && link.signal.reason === reason), 'the 990 open ones aborted with the shutdown reason')
  t.ok(released.every((link) => !link.signal.aborted), 'the 10 released ones were left alone')
  for (const link of open) link.release()
})

t.test('a link made after the shutdown is aborted at once; the client and the deadline abort with their own reasons', async (t) => {
  const shutdown = new AbortController()
  shutdown.abort(new ShuttingDownError())
  const late = linkUpstreamSignal(new AbortController().signal, shutdown.signal, 60_000)
  t.ok(late.signal.aborted)
  late.release()

  const client = new AbortController()
  const byClient = linkUpstreamSignal(client.signal, new AbortController().signal, 60_000)
  client.abort()
  t.equal((byClient.signal.reason as Error).name, 'AbortError')
  byClient.release()

  const byDeadline = linkUpstreamSignal(new AbortController().signal, new AbortController().signal, 5)
  await new Promise((resolve) => setTimeout(resolve, 30))
  t.ok(byDeadline.signal.reason instanceof DeadlineExceededError)
  byDeadline.release()
})
