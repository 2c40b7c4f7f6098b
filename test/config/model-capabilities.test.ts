import t from 'tap'
import { buildApp } from '../../src/app.js'
import { buildTestApp } from '../helpers/build-app.js'

t.test('a *_MODELS entry may state its capabilities; /api/show reports them', async (t) => {
  const { app } = await buildTestApp(t, { OPENAI_MODELS: 'plain-model, seer=completion+vision+thinking, coder = completion + insert' })
  const show = async (model: string) => (await app.inject({ method: 'POST', url: '/api/show', payload: { model } })).json().capabilities
  t.same(await show('openai/plain-model'), ['completion', 'tools'], 'the provider\'s defaults without a list')
  t.same(await show('openai/seer'), ['completion', 'vision', 'thinking'])
  t.same(await show('openai/coder'), ['completion', 'insert'], 'spaces are tolerated')
})

t.test('an unknown capability stops the service at start, naming the entry', async (t) => {
  await t.rejects(buildApp({ logger: false, env: { OPENAI_API_KEY: 'sk-x', OPENAI_MODELS: 'odd=completion+telepathy' } }), {
    message: /model entry "odd=completion\+telepathy": unknown capability "telepathy"/
  })
})
