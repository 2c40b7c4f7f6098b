/** buildApp(): the Fastify application, its plugins in dependency order. Read this first. */
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import sensible from '@fastify/sensible'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import adminKeys from '../plugins/admin-keys.js'
import bodyParser from '../plugins/body-parser.js'
import clientAbort from '../plugins/client-abort.js'
import clientAuth from '../plugins/client-auth.js'
import config from '../plugins/config.js'
import configFile from '../plugins/config-file.js'
import cors from '../plugins/cors.js'
import embedding from '../plugins/embedding.js'
import errorHandler from '../plugins/error-handler.js'
import hostCheck from '../plugins/host-check.js'
import keyLimits from '../plugins/key-limits.js'
import lifecycle from '../plugins/lifecycle.js'
import metrics from '../plugins/metrics.js'
import modelAliases from '../plugins/model-aliases.js'
import modelLists from '../plugins/model-lists.js'
import openapi from '../plugins/openapi.js'
import overload from '../plugins/overload.js'
import providerRegistry from '../plugins/provider-registry.js'
import requestLog from '../plugins/request-log.js'
import sharedState from '../plugins/shared-state.js'
import translation from '../plugins/translation.js'
import upstreamAgent from '../plugins/upstream-agent.js'
import userModels from '../plugins/user-models.js'
import { providerPlugins } from '../providers/index.js'
import { readBootSettings } from './config/boot-settings.js'
import { loggerOptions } from './config/logger-options.js'
import { registerRoutes } from './routes/index.js'

export interface BuildAppOptions {
  /** Configuration as data; when given, the process environment and `.env` are ignored (tests). */
  env?: Record<string, string | undefined>
  /** pino options or false; defaults to the service's logger at LOG_LEVEL. */
  logger?: boolean
  /** Largest accepted body in bytes (also configurable as BODY_LIMIT_BYTES). */
  bodyLimit?: number
  /** Where log lines go instead of stdout (tests capture them). */
  logStream?: NodeJS.WritableStream
}

export async function buildApp (options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { logLevel, bodyLimit } = readBootSettings(options.env)
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(logLevel, options.logStream),
    // plugins/request-log.ts writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: Number.isFinite(bodyLimit) && bodyLimit > 0 ? bodyLimit : 64 * 1024 * 1024,
    // Long generations stream for minutes: no overall request timeout here.
    requestTimeout: 0,
    // While draining, plugins/lifecycle.ts answers new requests itself: a 503 in the route's error shape.
    return503OnClosing: false,
    // Ollama's JSON decoder does not coerce types: "stream": null stays null, ["x"] is not a string.
    ajv: { customOptions: { coerceTypes: false } }
  }).withTypeProvider<TypeBoxTypeProvider>()

  await app.register(config, { env: options.env })
  await app.register(configFile)
  await app.register(sharedState)
  await app.register(sensible)
  await app.register(providerRegistry)
  await app.register(errorHandler)
  await app.register(bodyParser)
  await app.register(openapi)
  await app.register(lifecycle)
  await app.register(metrics)
  // onRequest order: Host check, origin check, then client keys, admin keys, per-key limits, the in-flight bound, then abort wiring.
  await app.register(hostCheck)
  await app.register(cors)
  await app.register(clientAuth)
  await app.register(adminKeys)
  await app.register(keyLimits)
  await app.register(overload)
  await app.register(clientAbort)
  await app.register(upstreamAgent)
  for (const provider of providerPlugins) await app.register(provider)
  await app.register(modelLists)
  await app.register(modelAliases)
  await app.register(userModels)
  await app.register(translation)
  await app.register(embedding)
  await app.register(requestLog)
  await registerRoutes(app)
  return app
}
