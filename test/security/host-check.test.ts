/** Issue 19: Ollama's Host check on a loopback listener, driven with raw Host headers over real sockets. */
import { hostname, networkInterfaces } from 'node:os'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { buildTestApp, listenTestApp } from '../helpers/build-app.js'
import { portOf, rawRequest, rawStatusLine } from '../helpers/raw-request.js'

const chat = JSON.stringify({ model: 'openai/fake-text', messages: [{ role: 'user', content: 'Hello' }], stream: false })

t.test('on a loopback listener, Ollama\'s allowed hosts are answered', async (t) => {
  const { url } = await listenTestApp(t)
  const port = portOf(url)
  const machine = hostname()
  const allowed = [
    'localhost', `localhost:${port}`, 'LocalHost:1',
    machine, `${machine.toUpperCase()}:${port}`,
    'app.localhost', 'printer.local:631', 'host.docker.internal:11434', 'metadata.google.internal',
    '127.0.0.1', `127.0.0.1:${port}`, '127.9.9.9:80', `[::1]:${port}`, '::1', '[::ffff:127.0.0.1]:8080', '[::1%lo]:1',
    '10.1.2.3:11434', '172.16.0.1', '172.31.255.255:1', '192.168.1.10:8080', '[fd00::1]:11434', '[FC12::5]:1', '[::ffff:10.0.0.1]:1',
    '0.0.0.0:11434', '[::]:11434', '[0:0:0:0:0:0:0:0]:1'
  ]
  for (const host of allowed) {
    const answer = await rawRequest(port, { host })
    t.equal(answer.status, 200, `Host: ${host}`)
  }
  t.equal(await rawStatusLine(port, 'GET /api/version HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n'), 'HTTP/1.1 200 OK', 'an empty Host')
  t.equal(await rawStatusLine(port, 'GET /api/version HTTP/1.0\r\n\r\n'), 'HTTP/1.1 200 OK', 'HTTP/1.0 without a Host')
})

/** A non-loopback, non-private IPv4 address on one of this machine's interfaces: only Ollama's isLocalIP rule allows it. */
const ownAddress = Object.values(networkInterfaces()).flat().find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal &&
  !/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(entry.address))?.address

t.test('an IP literal of one of this machine\'s own interfaces is answered, another public one is not', {
  skip: ownAddress === undefined ? 'this machine has no public or link-local IPv4 address on an interface' : false
}, async (t) => {
  const own = ownAddress ?? ''
  const { url } = await listenTestApp(t)
  const port = portOf(url)
  t.equal((await rawRequest(port, { host: `${own}:${port}` })).status, 200, `${own} is this machine`)
  for (const address of ['203.0.113.7', '198.51.100.9'].filter((address) => address !== own)) {
    t.equal((await rawRequest(port, { host: `${address}:${port}` })).status, 403, `${address} is not`)
  }
})

t.test('a foreign Host gets 403 with an empty body, before any other work', async (t) => {
  const { url, upstream } = await listenTestApp(t, { API_KEYS: 'client-key' })
  const port = portOf(url)
  const foreign = [
    'rebind.attacker.example', 'rebind.attacker.example:11434', 'localhost.attacker.example', 'x.local.attacker.example',
    'local', 'internal', 'localhost:11434:1', `${hostname()}.attacker.example`,
    '8.8.8.8:11434', '172.32.0.1', '169.254.1.1', '[2001:db8::1]:11434', '[fe80::1%eth0]:1',
    // Go's SplitHostPort finds no port here and netip refuses the brackets: Ollama refuses it too.
    '[::1]',
    // The IPv4-mapped form of 0.0.0.0 is not Go's unspecified address.
    '[::ffff:0.0.0.0]:1'
  ]
  for (const host of foreign) {
    const answer = await rawRequest(port, { host })
    t.equal(answer.status, 403, `Host: ${host}`)
    t.equal(answer.body, '', 'an empty body, as gin\'s AbortWithStatus')
    t.equal(answer.headers['content-length'], '0')
    t.notOk('content-type' in answer.headers)
  }
  const rebound = await rawRequest(port, {
    host: 'rebind.attacker.example:11434',
    method: 'POST',
    path: '/api/chat',
    headers: { 'content-type': 'application/json', authorization: 'Bearer client-key' },
    body: chat
  })
  t.equal(rebound.status, 403, 'a rebound chat, even with a valid key')
  const unknownPath = await rawRequest(port, { host: 'rebind.attacker.example', path: '/no/such/path' })
  t.equal(unknownPath.status, 403, 'before routing decides on a 404')
  const probe = await rawRequest(port, { host: 'rebind.attacker.example', path: '/' })
  t.equal(probe.status, 403, 'the probes too')
  t.equal(upstream.calls.length, 0, 'nothing went upstream')

  const local = await rawRequest(port, {
    host: `localhost:${port}`,
    method: 'POST',
    path: '/api/chat',
    headers: { 'content-type': 'application/json', authorization: 'Bearer client-key' },
    body: chat
  })
  t.equal(local.status, 200, 'the same chat through localhost')
  t.equal(JSON.parse(local.body).message.content, 'Hello world!')
})

t.test('OPTIONS: 204 for an allowed host name, 403 for a foreign one; CORS preflights are CORS\'s', async (t) => {
  const { url } = await listenTestApp(t, { API_KEYS: 'client-key' })
  const port = portOf(url)
  const named = await rawRequest(port, { host: `localhost:${port}`, method: 'OPTIONS', path: '/api/chat' })
  t.equal(named.status, 204, 'an allowed name answers OPTIONS at once')
  t.equal(named.body, '')
  t.notOk('access-control-allow-origin' in named.headers, 'no CORS headers without an Origin')
  const foreign = await rawRequest(port, { host: 'rebind.attacker.example', method: 'OPTIONS', path: '/api/chat' })
  t.equal(foreign.status, 403)

  const preflight = {
    method: 'OPTIONS',
    path: '/api/chat',
    headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' }
  }
  const allowed = await rawRequest(port, { ...preflight, host: `127.0.0.1:${port}` })
  t.equal(allowed.status, 204, 'a browser preflight from an allowed origin')
  t.equal(allowed.headers['access-control-allow-origin'], 'http://localhost:5173')
  t.match(String(allowed.headers['access-control-allow-methods']), /POST/)
  // Ollama's CORS middleware runs before its Host check and ends every preflight itself; the real request is checked.
  const beforeHostCheck = await rawRequest(port, { ...preflight, host: 'rebind.attacker.example' })
  t.equal(beforeHostCheck.status, 204, 'a preflight is CORS\'s answer, as in Ollama')
  const refusedOrigin = await rawRequest(port, { ...preflight, headers: { ...preflight.headers, origin: 'http://rebind.attacker.example' }, host: 'rebind.attacker.example' })
  t.equal(refusedOrigin.status, 403, 'a foreign origin is refused by CORS')
})

t.test('ALLOWED_HOSTS adds names with * wildcards for a reverse proxy on loopback', async (t) => {
  const { url } = await listenTestApp(t, { ALLOWED_HOSTS: 'ollama.corp.example, *.Proxy.Test ,203.0.113.7' })
  const port = portOf(url)
  for (const host of ['ollama.corp.example', 'OLLAMA.corp.example:443', 'a.proxy.test', 'a.b.proxy.test:8443', '203.0.113.7:80']) {
    t.equal((await rawRequest(port, { host })).status, 200, `Host: ${host}`)
  }
  for (const host of ['proxy.test', 'ollama.corp.example.attacker.example', 'corp.example', '203.0.113.8']) {
    t.equal((await rawRequest(port, { host })).status, 403, `Host: ${host}`)
  }
  t.equal((await rawRequest(port, { host: 'a.proxy.test', method: 'OPTIONS', path: '/api/tags' })).status, 204, 'an extra name answers OPTIONS like Ollama\'s own')
})

t.test('an ALLOWED_HOSTS entry with a port or scheme stops the start with its name', async (t) => {
  await t.rejects(buildApp({ logger: false, env: { ALLOWED_HOSTS: 'proxy.example:8443' } }), /ALLOWED_HOSTS entry "proxy.example:8443"/)
  await t.rejects(buildApp({ logger: false, env: { ALLOWED_HOSTS: 'https://proxy.example' } }), /ALLOWED_HOSTS entry "https:\/\/proxy.example"/)
})

t.test('a non-loopback listener skips the check, as Ollama', async (t) => {
  const { app } = await buildTestApp(t)
  const address = await app.listen({ host: '0.0.0.0', port: 0 })
  const port = portOf(address)
  const answer = await rawRequest(port, { host: 'rebind.attacker.example:11434' })
  t.equal(answer.status, 200, 'reached through 127.0.0.1 with a foreign Host')
  t.same(JSON.parse(answer.body), { version: '0.32.15' })
})

t.test('without a listener (inject) there is no address to judge, as Ollama without one', async (t) => {
  const { app } = await buildTestApp(t)
  const response = await app.inject({ method: 'GET', url: '/api/version', headers: { host: 'rebind.attacker.example' } })
  t.equal(response.statusCode, 200)
})
