import t from 'tap'
import { allowedOrigins, originMatcher } from '../../src/core/cors-origins.js'

t.test('Ollama\'s default origins', async (t) => {
  const allowed = originMatcher(allowedOrigins(undefined))
  for (const origin of ['http://localhost', 'https://localhost:11434', 'http://127.0.0.1:3000', 'http://0.0.0.0', 'app://x', 'file://', 'tauri://localhost', 'vscode-webview://1', 'vscode-file://vscode-app', 'moz-extension://abc', 'HTTP://LOCALHOST:80']) {
    t.ok(allowed(origin), origin)
  }
  for (const origin of ['https://example.com', 'http://localhost.evil.com', 'http://127.0.0.1.evil.com', 'null']) {
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
