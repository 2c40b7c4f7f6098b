import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { CorruptStoreError, UserModelFile } from '../../src/store/user-model-file.js'

async function directory (t: { teardown(fn: () => unknown): void }): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'user-model-file-'))
  t.teardown(() => rm(path, { recursive: true, force: true }))
  return path
}

t.test('a missing file is an empty store; writes round-trip and leave no temporary file', async (t) => {
  const dir = await directory(t)
  const file = new UserModelFile(join(dir, 'nested', 'user-models.json'))
  t.same(await file.read(), [])
  const models = [{ name: 'a', target: 'openai/gpt-4o', preset: { system: 'S', options: { temperature: 0.5 }, messages: [{ role: 'user' as const, content: 'Q' }, { role: 'assistant' as const, content: 'A' }] } }, { name: 'b', target: 'a' }]
  await Promise.all([file.write(models.slice(0, 1)), file.write(models)])
  t.same(await file.read(), models, 'the last write wins whole')
  t.same(await readdir(join(dir, 'nested')), ['user-models.json'])
})

t.test('a corrupt file is reported with its path, never replaced', async (t) => {
  const dir = await directory(t)
  const path = join(dir, 'user-models.json')
  await writeFile(path, '{"version":1,"models":[')
  await t.rejects(new UserModelFile(path).read(), CorruptStoreError)
  await writeFile(path, '{"version":1,"models":[{"name":"a"}]}')
  await t.rejects(new UserModelFile(path).read(), { message: /user-models\.json is unreadable \(\/models\/0\/target/ })

  await t.rejects(buildApp({ logger: false, env: { DATA_DIR: dir, OPENAI_API_KEY: 'sk-test' } }), { message: new RegExp(`${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is unreadable`) }, 'the service does not start over a corrupt store')
  t.equal(await readFile(path, 'utf8'), '{"version":1,"models":[{"name":"a"}]}', 'the file is untouched')
})

t.test('a stored model whose name a built-in alias has taken since is not loaded, and stays in the file', async (t) => {
  const dir = await directory(t)
  const path = join(dir, 'user-models.json')
  const text = JSON.stringify({ version: 1, models: [{ name: 'deepseek-chat', target: 'openai/gpt-4o' }, { name: 'mine', target: 'openai/gpt-4o' }] })
  await writeFile(path, text)
  const app = await buildApp({ logger: false, env: { DATA_DIR: dir, OPENAI_API_KEY: 'sk-test' } })
  t.teardown(() => app.close())
  t.equal(app.providers.getAlias('deepseek-chat')?.origin, 'builtin')
  t.equal(app.providers.getAlias('mine')?.origin, 'user')
  t.equal(await readFile(path, 'utf8'), text)
})
