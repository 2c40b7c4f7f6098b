import t from 'tap'
import { buildApp } from '../../src/app.js'

t.test('bad configuration fails at boot with a message naming the variable', async (t) => {
  await t.rejects(buildApp({ logger: false, env: { PORT: 'eleven' } }), /PORT/)
  await t.rejects(buildApp({ logger: false, env: { PORT: '70000' } }), /PORT/)
  await t.rejects(buildApp({ logger: false, env: { OLLAMA_VERSION: 'v1' } }), /OLLAMA_VERSION/)
})

t.test('defaults: 0.0.0.0:11434', async (t) => {
  const app = await buildApp({ logger: false, env: {} })
  t.teardown(() => app.close())
  t.equal(app.config.HOST, '0.0.0.0')
  t.equal(app.config.PORT, 11434)
})
