import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import t from 'tap'
import { request } from 'undici'
import { FAKE_MODELS, parseNdjson, TEST_API_KEY } from '../helpers/build-app.js'
import { startFakeUpstream } from '../helpers/fake-upstream.js'

t.test('SIGTERM to the real process: open streams finish, the process exits 0', async (t) => {
  const upstream = await startFakeUpstream()
  t.teardown(() => upstream.close())
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      OPENAI_API_KEY: TEST_API_KEY,
      OPENAI_BASE_URL: upstream.url,
      OPENAI_MODELS: FAKE_MODELS.join(','),
      SHUTDOWN_GRACE_MS: '10000',
      MAX_EVENT_LOOP_DELAY_MS: '0'
    },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  const logLines: string[] = []
  let url: string | undefined
  for await (const line of createInterface({ input: child.stdout! })) {
    logLines.push(line)
    url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1]
    if (url !== undefined) break
  }
  t.ok(url, 'the service is listening')
  // Keep draining its log so a full pipe can never block it.
  child.stdout!.resume()
  const exited = once(child, 'exit')
  const streams = Array.from({ length: 5 }, async () => {
    const response = await request(`${url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'openai/fake-steady', messages: [{ role: 'user', content: 'go' }] }) })
    return parseNdjson(await response.body.text())
  })
  while (upstream.calls.length < 5) await new Promise((resolve) => setTimeout(resolve, 5))
  child.kill('SIGTERM')
  const results = await Promise.all(streams)
  t.equal(results.filter((lines) => lines.at(-1)?.done === true).length, 5, 'every open stream finished with its done chunk')
  const [code] = await exited as [number | null]
  t.equal(code, 0, 'exit 0')
  t.equal(upstream.calls.filter((call) => call.aborted).length, 0)
})
