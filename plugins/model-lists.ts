/**
 * Live model lists: every active provider whose protocol can list its models (`Protocol.listModels`) is read in the
 * background once the app is ready, then every MODEL_LIST_REFRESH_SECONDS (a provider's own refresh variable, such as
 * OLLAMA_UPSTREAM_REFRESH_SECONDS, wins). Never awaited by start-up or a request. A list that fails keeps the last good
 * one and never takes its provider down; each change between working and failing is logged once.
 * Also warns at start when no provider is active at all, naming the variables that would activate one.
 */
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { ActiveProvider } from '../src/core/provider-registry.js'
import { getJson } from '../src/upstream/get-json.js'
import { providerDescriptors } from '../providers/index.js'

/** A list that does not answer in this time leaves the provider with the models it had. */
const MODEL_LIST_TIMEOUT_MS = 10_000

export interface ModelLists {
  /** Resolves when the current round of reads has ended (each list read or failed); tests wait on it. */
  settled(): Promise<void>
  /** Reads every list again now, resolving when done (also what the timer does). */
  refresh(): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    modelLists: ModelLists
  }
}

type ListState = 'unread' | 'ok' | 'failing'

export default fp(async function modelLists (fastify) {
  const states = new Map<string, ListState>()
  let round: Promise<void> = Promise.resolve()
  let closed = false
  const timers = new Set<NodeJS.Timeout>()

  const readOne = async (provider: ActiveProvider): Promise<void> => {
    const { descriptor, protocol, apiKey, baseUrl } = provider
    if (protocol.listModels === undefined) return
    const headers = protocol.authHeaders(apiKey.reveal())
    const previous = states.get(descriptor.id) ?? 'unread'
    try {
      const listed = await protocol.listModels((path) => getJson(fastify.upstream, baseUrl + path, headers, MODEL_LIST_TIMEOUT_MS))
      if (closed) return
      fastify.providers.setListed(descriptor.id, listed)
      states.set(descriptor.id, 'ok')
      if (previous !== 'ok') fastify.log.info({ provider: descriptor.id, listed: listed.length }, `provider ${descriptor.id}: model list read`)
    } catch (error) {
      if (closed) return
      states.set(descriptor.id, 'failing')
      if (previous !== 'failing') {
        const kept = fastify.providers.modelsOf(descriptor.id).length
        fastify.log.warn({ provider: descriptor.id, error: (error as Error).message }, `provider ${descriptor.id}: model list unavailable, serving its ${kept} known models and any id passed through`)
      }
    }
  }

  const readAll = (providers: readonly ActiveProvider[]): Promise<void> => {
    round = Promise.all(providers.map(readOne)).then(() => {})
    return round
  }

  fastify.decorate('modelLists', {
    settled: () => round,
    refresh: () => readAll(fastify.providers.active())
  })

  fastify.addHook('onReady', async () => {
    const active = fastify.providers.active()
    if (active.length === 0) warnNoProvider(fastify)
    const listing = active.filter((provider) => provider.protocol.listModels !== undefined)
    // Not awaited: start-up never waits for a provider's list.
    readAll(listing).catch(() => {})
    // One timer per refresh period; a provider with its own period (OLLAMA_UPSTREAM_REFRESH_SECONDS) gets its own.
    const byPeriod = new Map<number, ActiveProvider[]>()
    for (const provider of listing) {
      const seconds = refreshSeconds(fastify, provider)
      if (seconds > 0) byPeriod.set(seconds, [...(byPeriod.get(seconds) ?? []), provider])
    }
    for (const [seconds, providers] of byPeriod) schedule(seconds, providers)
  })

  /** Reads one at a time per period on an unref'd timer, stopped when the app closes. */
  function schedule (seconds: number, providers: readonly ActiveProvider[]): void {
    const next = (): void => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        readAll(providers).finally(() => { if (!closed) next() }).catch(() => {})
      }, seconds * 1000)
      timer.unref()
      timers.add(timer)
    }
    next()
  }

  fastify.addHook('onClose', async () => {
    closed = true
    for (const timer of timers) clearTimeout(timer)
  })
}, { name: 'model-lists', fastify: '5.x', dependencies: ['config', 'provider-registry', 'upstream-agent'] })

/** MODEL_LIST_REFRESH_SECONDS, unless the provider has its own variable and it is set to a number of seconds ≥ 0. */
function refreshSeconds (fastify: FastifyInstance, provider: ActiveProvider): number {
  const own = provider.descriptor.refreshSecondsEnv === undefined ? undefined : fastify.config[provider.descriptor.refreshSecondsEnv]
  const seconds = typeof own === 'string' && own.trim() !== '' ? Number(own) : Number.NaN
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : fastify.config.MODEL_LIST_REFRESH_SECONDS
}

/** The newcomer who copied .env and set no key: say why every model is 404. */
function warnNoProvider (fastify: FastifyInstance): void {
  const keys = providerDescriptors.filter((descriptor) => descriptor.activation !== 'base-url').map((descriptor) => descriptor.apiKeyEnv[0])
  fastify.log.warn(`no provider is active, so every model answers 404: set one provider's key, e.g. ${keys.join(', ')} (or OLLAMA_UPSTREAM_URL, or servers in CONFIG_FILE)`)
}
