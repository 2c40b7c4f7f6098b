/** Bench helper process: the real service pointed at the fake upstream (OPENAI_BASE_URL), printing its URL. */
import { buildApp } from '../src/app.js'

const app = await buildApp({ logger: false, env: { OPENAI_API_KEY: 'bench-key', OPENAI_BASE_URL: process.env.OPENAI_BASE_URL, OPENAI_MODELS: 'fake-text' } })
console.log(await app.listen({ host: '127.0.0.1', port: 0 }))
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
