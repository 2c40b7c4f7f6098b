/** The real app with hermetic configuration (no process env, no .env) pointed at a fake upstream. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { startFakeUpstream, type FakeUpstream } from './fake-upstream.js'

export const TEST_API_KEY = 'sk-test-secret-key'

/** Model ids the fake upstream knows as scenarios, served through OPENAI_MODELS. */
export const FAKE_MODELS = [
  'fake-text', 'fake-reasoning', 'fake-tools', 'fake-length', 'fake-utf8', 'fake-slow', 'fake-stall', 'fake-reset',
  'fake-error-event', 'fake-early-error', 'fake-malformed', 'fake-truncated', 'fake-401', 'fake-429', 'fake-500', 'fake-404',
  'fake-403', 'fake-400', 'fake-413', 'fake-503', 'fake-529', 'fake-idle', 'fake-steady',
  'fake-flaky-503-2', 'fake-flaky-529-1', 'fake-flaky-429-1', 'fake-flaky-drop-1', 'fake-flaky-500-9'
]

export interface TestContext {
  app: FastifyInstance
  upstream: FakeUpstream
}

interface Teardown {
  teardown(fn: () => unknown): void
}

export async function buildTestApp (t: Teardown, env: Record<string, string> = {}): Promise<TestContext> {
  const upstream = await startFakeUpstream()
  // Each app gets its own data directory unless the test shares one (restart tests).
  const ownDataDir = env.DATA_DIR === undefined ? await mkdtemp(join(tmpdir(), 'ollama-adapter-test-')) : undefined
  t.teardown(async () => {
    if (ownDataDir !== undefined) await rm(ownDataDir, { recursive: true, force: true })
  })
  const app = await buildApp({
    logger: false,
    env: {
      ...(ownDataDir === undefined ? {} : { DATA_DIR: ownDataDir }),
      OPENAI_API_KEY: TEST_API_KEY,
      OPENAI_BASE_URL: upstream.url,
      OPENAI_MODELS: FAKE_MODELS.join(','),
      // A loaded CI machine can stall the event loop past the default at start; the overload test sets its own.
      MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env
    }
  })
  t.teardown(async () => {
    await app.close()
    await upstream.close()
  })
  return { app, upstream }
}

/** The same app listening on a loopback port, for real clients. */
export async function listenTestApp (t: Teardown, env: Record<string, string> = {}): Promise<TestContext & { url: string }> {
  const context = await buildTestApp(t, env)
  const url = await context.app.listen({ host: '127.0.0.1', port: 0 })
  return { ...context, url }
}

export function parseNdjson (text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>)
}
