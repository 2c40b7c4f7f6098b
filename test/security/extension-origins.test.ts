/** Issue 19: a browser extension needs the user's consent (OLLAMA_ORIGINS) before it can spend the operator's keys, as in Ollama. */
import t from 'tap'
import { listenTestApp } from '../helpers/build-app.js'
import { portOf, rawRequest } from '../helpers/raw-request.js'

const chat = JSON.stringify({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }], stream: false })
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop'

function fromOrigin (port: number, origin: string) {
  return {
    preflight: () => rawRequest(port, {
      host: `127.0.0.1:${port}`,
      method: 'OPTIONS',
      path: '/api/chat',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }
    }),
    chat: () => rawRequest(port, { host: `127.0.0.1:${port}`, method: 'POST', path: '/api/chat', headers: { origin, 'content-type': 'application/json' }, body: chat })
  }
}

t.test('by default an extension gets 403 on the preflight and on the request, and nothing goes upstream', async (t) => {
  const { url, upstream } = await listenTestApp(t)
  const port = portOf(url)
  for (const origin of [EXTENSION, 'moz-extension://0b3f1c2a-5d6e-4f70-8a9b-0c1d2e3f4a5b', 'safari-extension://com.example.ext', 'ms-browser-extension://example']) {
    const calls = fromOrigin(port, origin)
    const preflight = await calls.preflight()
    t.equal(preflight.status, 403, `${origin}: preflight`)
    t.notOk('access-control-allow-origin' in preflight.headers)
    const answer = await calls.chat()
    t.equal(answer.status, 403, `${origin}: chat`)
    t.equal(answer.body, '', 'the empty body of gin-contrib/cors')
  }
  t.equal(upstream.calls.length, 0)
  const app = await fromOrigin(port, 'vscode-webview://1a2b3c').chat()
  t.equal(app.status, 200, 'Ollama\'s own default list still applies')
})

t.test('OLLAMA_ORIGINS lets one extension in, or all of a browser\'s with a wildcard', async (t) => {
  const { url } = await listenTestApp(t, { OLLAMA_ORIGINS: `${EXTENSION},moz-extension://*` })
  const port = portOf(url)
  for (const origin of [EXTENSION, 'moz-extension://0b3f1c2a-5d6e-4f70-8a9b-0c1d2e3f4a5b']) {
    const calls = fromOrigin(port, origin)
    const preflight = await calls.preflight()
    t.equal(preflight.status, 204, `${origin}: preflight`)
    t.equal(preflight.headers['access-control-allow-origin'], origin)
    const answer = await calls.chat()
    t.equal(answer.status, 200, `${origin}: chat`)
    t.equal(answer.headers['access-control-allow-origin'], origin)
    t.equal(JSON.parse(answer.body).message.content, 'Hello world!')
  }
  const other = await fromOrigin(port, 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba').chat()
  t.equal(other.status, 403, 'another Chrome extension still needs its own entry')
})
