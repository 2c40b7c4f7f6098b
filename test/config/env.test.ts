import t from 'tap'
import { buildApp } from '../../src/app.js'

t.test('bad configuration fails at boot with a message naming the variable', async (t) => {
  await t.rejects(buildApp({ logger: false, env: { PORT: 'eleven' } }), /PORT/)
  await t.rejects(buildApp({ logger: false, env: { PORT: '70000' } }), /PORT/)
  await t.rejects(buildApp({ logger: false, env: { OLLAMA_VERSION: 'v1' } }), /OLLAMA_VERSION/)
})

t.test('defaults: 127.0.0.1:11434, loopback as Ollama', async (t) => {
  const app = await buildApp({ logger: false, env: {} })
  t.teardown(() => app.close())
  t.equal(app.config.HOST, '127.0.0.1')
  t.equal(app.config.PORT, 11434)
})
