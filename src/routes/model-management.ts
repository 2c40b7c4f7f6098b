/**
 * POST /api/pull, /api/push, /api/create, /api/copy and DELETE /api/delete, honestly: nothing is downloaded
 * or uploaded; pull succeeds only for a model a provider serves, push always fails, and create/copy make
 * user-defined models (aliases with their own system prompt and options) that persist in DATA_DIR.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { ModelPreset, PresetMessage } from '../core/model-alias.js'
import type { ProviderRegistry } from '../core/provider-registry.js'
import {
  CopySourceNotFoundError, CreateFromFilesError, CreateSourceMissingError, InvalidCopyDestinationError,
  InvalidCopySourceError, InvalidModelNameError, InvalidRequestError, InvalidNameError, ModelNotFoundError,
  ModelNotUserDefinedError, ModelRequiredError, PullManifestNotFoundError, PushModelNotFoundError, PushUnsupportedError
} from '../errors.js'
import { isValidModelName } from '../ollama/model-name-syntax.js'
import { checkOptionTypes } from '../core/ollama-options.js'
import { modelDigest } from '../ollama/model-listing.js'
import { sendProgress } from '../ollama/progress-answer.js'
import { answerSchemas, BODY_ERRORS } from '../schemas/answer-schemas.js'
import { OLLAMA_DIALECT } from '../schemas/common.js'
import { CopyRequestSchema, CreateRequestSchema, type CreateRequest, DeleteRequestSchema, ProgressResponseSchema, PullRequestSchema } from '../schemas/model-management.js'

const PROGRESS = 'NDJSON progress ending with {"status":"success"}, or with an error line; with `stream: false`, the last object alone'

const modelManagementRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/api/pull', {
    schema: {
      operationId: 'pullModel',
      summary: 'Succeeds for a model a provider serves; nothing is downloaded',
      tags: ['models'],
      body: Type.Ref(PullRequestSchema),
      response: answerSchemas(OLLAMA_DIALECT, {
        description: PROGRESS,
        json: ProgressResponseSchema,
        stream: ProgressResponseSchema,
        errors: { ...BODY_ERRORS, 400: 'An invalid model name, or a body that is not JSON', 500: 'With `stream: false`, a model no provider serves' }
      })
    }
  }, async (request, reply) => {
    const name = request.body.model || request.body.name || ''
    // Provider model ids may hold characters Ollama's names do not: whatever resolves is valid.
    const model = name === '' ? undefined : fastify.providers.resolve(name)
    if (model === undefined && !isValidModelName(name)) throw new InvalidModelNameError()
    const stream = request.body.stream !== false
    // Ollama's registry answer for a name it does not have, after the first step.
    if (model === undefined) return sendProgress(reply, [{ status: 'pulling manifest' }], stream, new PullManifestNotFoundError())
    // As in Ollama, a pulled name is listed from now on (MaxKB and others check /api/tags before they use a name).
    if (!isListed(fastify.providers, name)) await fastify.userModels.pull(name)
    return sendProgress(reply, [
      { status: 'pulling manifest' },
      { status: 'verifying sha256 digest', digest: `sha256:${modelDigest(model)}` },
      { status: 'writing manifest' },
      { status: 'success' }
    ], stream)
  })

  fastify.post('/api/push', {
    schema: {
      operationId: 'pushModel',
      summary: 'Always fails: there is nothing to upload for a cloud model',
      tags: ['models'],
      body: Type.Ref(PullRequestSchema),
      response: answerSchemas(OLLAMA_DIALECT, {
        description: 'NDJSON: one progress line, then the error line; nothing is ever pushed',
        stream: ProgressResponseSchema,
        errors: {
          ...BODY_ERRORS,
          400: 'No model named, or a body that is not JSON',
          403: 'ADMIN_API_KEYS is set and the request carries none of its keys',
          500: 'With `stream: false`: pushing is not supported'
        }
      })
    }
  }, async (request, reply) => {
    const name = request.body.model || request.body.name
    if (!name) throw new ModelRequiredError()
    const model = fastify.providers.resolve(name)
    const failure = model === undefined
      ? new PushModelNotFoundError(name)
      : new PushUnsupportedError(model.name, model.provider.descriptor.displayName)
    return sendProgress(reply, [{ status: 'retrieving manifest' }], request.body.stream !== false, failure)
  })

  fastify.post('/api/create', {
    schema: {
      operationId: 'createModel',
      summary: 'Make a model on top of a served one, with its own system prompt and options',
      tags: ['models'],
      body: Type.Ref(CreateRequestSchema),
      response: answerSchemas(OLLAMA_DIALECT, {
        description: PROGRESS,
        json: ProgressResponseSchema,
        stream: ProgressResponseSchema,
        errors: {
          ...BODY_ERRORS,
          400: 'An invalid name, no `from`, files or adapters, wrong-typed parameters, a bad message role, or a name that is not user-defined',
          403: 'ADMIN_API_KEYS is set and the request carries none of its keys',
          404: 'The model in `from` is not served',
          500: 'The model could not be saved in DATA_DIR',
          503: 'REDIS_URL is set and Redis does not answer: nothing is changed (or the server is busy or closing)'
        }
      })
    }
  }, async (request, reply) => {
    const body = request.body
    const name = body.model || body.name
    if (!isValidModelName(name)) throw new InvalidModelNameError()
    if (Object.keys(body.files ?? {}).length > 0 || Object.keys(body.adapters ?? {}).length > 0) throw new CreateFromFilesError()
    if (!body.from) throw new CreateSourceMissingError()
    const messages = readPresetMessages(body.messages)
    checkParameters(body.parameters)
    refuseNonUserModel(fastify.providers, name)
    const base = baseOf(fastify.providers, body.from)
    const preset = withPreset(base.preset, { system: body.system, options: body.parameters ?? undefined, messages })
    if (body.template) request.log.debug('create: template ignored, providers apply their own chat templates')
    await fastify.userModels.save({ name, target: base.target, ...(preset === undefined ? {} : { preset }) })
    const created = fastify.providers.resolve(name)
    const steps = [{ status: 'reading model metadata' }]
    if (body.system) steps.push({ status: 'creating system layer' })
    if (body.parameters) steps.push({ status: 'creating parameters layer' })
    if (messages !== undefined) steps.push({ status: 'creating messages layer' })
    if (created !== undefined) steps.push({ status: `using already created layer sha256:${modelDigest(created)}` })
    steps.push({ status: 'writing manifest' }, { status: 'success' })
    return sendProgress(reply, steps, body.stream !== false)
  })

  fastify.post('/api/copy', {
    schema: {
      operationId: 'copyModel',
      summary: 'Copy a model under another name, as a user-defined model',
      tags: ['models'],
      body: Type.Ref(CopyRequestSchema),
      response: answerSchemas(OLLAMA_DIALECT, {
        description: 'Empty body, as Ollama answers',
        empty: true,
        errors: {
          ...BODY_ERRORS,
          400: 'An invalid source or destination, or a destination that is not user-defined',
          403: 'ADMIN_API_KEYS is set and the request carries none of its keys',
          404: 'The source is not served',
          500: 'The copy could not be saved in DATA_DIR',
          503: 'REDIS_URL is set and Redis does not answer: nothing is changed (or the server is busy or closing)'
        }
      })
    }
  }, async (request, reply) => {
    const { source = '', destination = '' } = request.body
    const servable = source !== '' && fastify.providers.resolve(source) !== undefined
    if (!servable && !isValidModelName(source)) throw new InvalidCopySourceError(source)
    if (!isValidModelName(destination)) throw new InvalidCopyDestinationError(destination)
    if (!servable) throw new CopySourceNotFoundError(source)
    refuseNonUserModel(fastify.providers, destination)
    const base = baseOf(fastify.providers, source)
    await fastify.userModels.save({ name: destination, target: base.target, ...(base.preset === undefined ? {} : { preset: base.preset }) })
    return reply.send()
  })

  fastify.delete('/api/delete', {
    schema: {
      operationId: 'deleteModel',
      summary: 'Delete a user-defined model; a provider\'s model cannot be deleted',
      tags: ['models'],
      body: Type.Ref(DeleteRequestSchema),
      response: answerSchemas(OLLAMA_DIALECT, {
        description: 'Empty body, as Ollama answers',
        empty: true,
        errors: {
          ...BODY_ERRORS,
          400: 'An invalid name, or a model that is not user-defined',
          403: 'ADMIN_API_KEYS is set and the request carries none of its keys',
          404: 'No such user-defined model',
          500: 'The change could not be saved in DATA_DIR',
          503: 'REDIS_URL is set and Redis does not answer: nothing is changed (or the server is busy or closing)'
        }
      })
    }
  }, async (request, reply) => {
    const name = request.body.model || request.body.name || ''
    const alias = name === '' ? undefined : fastify.providers.getAlias(name)
    const known = alias !== undefined || (name !== '' && fastify.providers.resolve(name) !== undefined)
    if (!known && !isValidModelName(name)) throw new InvalidNameError(name)
    // A pulled name is only listed: deleting it stops the listing, as deleting a pulled model does in Ollama.
    if (alias === undefined && fastify.providers.isPulled(name)) {
      await fastify.userModels.remove(name)
      return reply.send()
    }
    if (alias === undefined || alias.origin !== 'user') {
      refuseNonUserModel(fastify.providers, name)
      throw new ModelNotFoundError(name)
    }
    const resolved = fastify.providers.resolve(name)
    if (resolved !== undefined) fastify.recentModels.forget(resolved)
    await fastify.userModels.remove(name)
    return reply.send()
  })
}

/** A provider's model and a configured alias stay as they are: neither create, copy nor delete may change them. */
function refuseNonUserModel (registry: ProviderRegistry, name: string): void {
  const alias = registry.getAlias(name)
  if (alias !== undefined) {
    if (alias.origin !== 'user') throw new ModelNotUserDefinedError(name, `is defined in the ${alias.origin === 'config' ? 'configuration file' : 'built-in aliases'}`)
    return
  }
  const model = registry.resolve(name)
  if (model !== undefined) throw new ModelNotUserDefinedError(name, `is served by ${model.provider.descriptor.displayName}`)
}

/**
 * What a new model stands on. A user-defined base is flattened (its target and preset copied), so deleting
 * it later does not break the new one, as Ollama's copied layers do not; this also lets `from` name the
 * model being re-created.
 */
function baseOf (registry: ProviderRegistry, from: string): { target: string, preset?: ModelPreset } {
  const alias = registry.getAlias(from)
  if (alias !== undefined && alias.origin === 'user') return { target: alias.target, ...(alias.preset === undefined ? {} : { preset: alias.preset }) }
  if (registry.resolve(from) === undefined) throw new ModelNotFoundError(from)
  return { target: from }
}

/** The new system prompt and messages replace the base's; new parameters override the base's one by one. */
function withPreset (
  base: ModelPreset | undefined,
  added: { system: string | undefined, options: Record<string, unknown> | undefined, messages: PresetMessage[] | undefined }
): ModelPreset | undefined {
  const system = added.system || base?.system
  const options = base?.options === undefined && added.options === undefined ? undefined : { ...base?.options, ...added.options }
  const messages = added.messages ?? base?.messages
  if (system === undefined && options === undefined && messages === undefined) return undefined
  return { ...(system === undefined ? {} : { system }), ...(options === undefined ? {} : { options }), ...(messages === undefined ? {} : { messages: [...messages] }) }
}

/**
 * Wrong-typed parameters are refused when the model is made, in Ollama's option wording, rather than
 * stored to fail every later chat; a request error here, since nothing was scheduled yet.
 */
function checkParameters (parameters: CreateRequest['parameters']): void {
  if (parameters === undefined || parameters === null) return
  try {
    checkOptionTypes(parameters)
  } catch (error) {
    throw new InvalidRequestError((error as Error).message)
  }
}

/** A Modelfile's MESSAGE lines: system, user or assistant turns with text only. */
function readPresetMessages (messages: CreateRequest['messages']): PresetMessage[] | undefined {
  if (messages === undefined || messages === null || messages.length === 0) return undefined
  return messages.map((message) => {
    const role = message.role.toLowerCase()
    if (role !== 'system' && role !== 'user' && role !== 'assistant') throw new InvalidRequestError(`invalid message role: "${message.role}" (a model's messages are system, user or assistant)`)
    return { role, content: message.content ?? '' }
  })
}

export default modelManagementRoutes

/** Whether `/api/tags` already lists this exact name (`:latest` implied, case-insensitive). */
function isListed (registry: ProviderRegistry, name: string): boolean {
  const trimmed = name.trim().toLowerCase()
  const wanted = trimmed.includes(':') ? trimmed : `${trimmed}:latest`
  return registry.list().some((model) => model.name.toLowerCase() === wanted)
}
