/** The real app with environment computed from the fake upstream's URL (base URLs of several providers). */
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { startFakeUpstream, type FakeUpstream } from './fake-upstream.js'

interface Teardown {
  teardown(fn: () => unknown): void
}

/** `origin` is the fake upstream's `http://127.0.0.1:PORT`, without `/v1`. */
export async function buildProviderApp (t: Teardown, envFor: (origin: string) => Record<string, string>): Promise<{ app: FastifyInstance, upstream: FakeUpstream }> {
  const upstream = await startFakeUpstream()
  t.teardown(() => upstream.close())
  // As in build-app.ts: a loaded machine can stall the event loop past the default and get a 503.
  const app = await buildApp({ logger: false, env: { MAX_EVENT_LOOP_DELAY_MS: '0', ...envFor(upstream.url.replace(/\/v1$/, '')) } })
  t.teardown(() => app.close())
  return { app, upstream }
}

export async function listenProviderApp (t: Teardown, envFor: (origin: string) => Record<string, string>) {
  const context = await buildProviderApp(t, envFor)
  const url = await context.app.listen({ host: '127.0.0.1', port: 0 })
  return { ...context, url }
}
