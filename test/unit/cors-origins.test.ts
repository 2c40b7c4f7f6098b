import t from 'tap'
import { allowedOrigins, originMatcher } from '../../src/core/cors-origins.js'

t.test('Ollama\'s default origins', async (t) => {
  const allowed = originMatcher(allowedOrigins(undefined))
  for (const origin of ['http://localhost', 'https://localhost:11434', 'http://127.0.0.1:3000', 'http://0.0.0.0', 'app://x', 'file://', 'tauri://localhost', 'vscode-webview://1', 'vscode-file://vscode-app', 'HTTP://LOCALHOST:80']) {
    t.ok(allowed(origin), origin)
  }
  for (const origin of ['https://example.com', 'http://localhost.evil.com', 'http://127.0.0.1.evil.com', 'null', 'chrome-extension://abc', 'moz-extension://abc', 'safari-extension://abc', 'ms-browser-extension://abc']) {
    t.notOk(allowed(origin), origin)
  }
})

t.test('OLLAMA_ORIGINS adds exact entries and one-star wildcards; * allows all', async (t) => {
  const allowed = originMatcher(allowedOrigins(' https://chat.acme.test , https://*.example.com'))
  t.ok(allowed('https://chat.acme.test'))
  t.ok(allowed('https://a.b.example.com'))
  t.notOk(allowed('https://example.com.evil.test'))
  t.notOk(allowed('http://chat.acme.test'), 'the scheme matters')
  t.ok(originMatcher(allowedOrigins('*'))('https://anything.test'))
})

t.test('browser extensions only when OLLAMA_ORIGINS names them, one or all of a browser\'s', async (t) => {
  const one = originMatcher(allowedOrigins('chrome-extension://abcdefghijklmnop'))
  t.ok(one('chrome-extension://abcdefghijklmnop'))
  t.notOk(one('chrome-extension://ponmlkjihgfedcba'), 'another extension still needs consent')
  t.notOk(one('moz-extension://abcdefghijklmnop'))
  const firefox = originMatcher(allowedOrigins('moz-extension://*'))
  t.ok(firefox('moz-extension://0b3f1c2a-1234'))
  t.notOk(firefox('chrome-extension://abcdefghijklmnop'))
})
