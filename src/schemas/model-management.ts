/** `/api/pull`, `/api/push`, `/api/create`, `/api/copy`, `/api/delete` bodies and the progress objects they answer. */
import { Type, type Static } from '@sinclair/typebox'
import { OptionsSchema, StreamFlagSchema } from './common.js'

export const ProgressResponseSchema = Type.Object({
  status: Type.String(),
  digest: Type.Optional(Type.String()),
  total: Type.Optional(Type.Integer()),
  completed: Type.Optional(Type.Integer())
}, { $id: 'ProgressResponse', description: 'One line of a pull, push or create stream; the last is {"status":"success"}' })

export const PullRequestSchema = Type.Object({
  model: Type.Optional(Type.String()),
  name: Type.Optional(Type.String({ description: 'Legacy spelling of model' })),
  insecure: Type.Optional(Type.Boolean({ description: 'Accepted and ignored' })),
  stream: StreamFlagSchema
}, { $id: 'PullRequest' })

export type PullRequest = Static<typeof PullRequestSchema>

export const CreateRequestSchema = Type.Object({
  model: Type.Optional(Type.String()),
  name: Type.Optional(Type.String({ description: 'Legacy spelling of model' })),
  from: Type.Optional(Type.String({ description: 'A model this server serves' })),
  system: Type.Optional(Type.String()),
  parameters: Type.Optional(Type.Union([Type.Ref(OptionsSchema), Type.Null()])),
  template: Type.Optional(Type.String({ description: 'Accepted and ignored: providers apply their own chat templates' })),
  messages: Type.Optional(Type.Union([Type.Array(Type.Object({ role: Type.String(), content: Type.Optional(Type.String()) }), { description: 'A conversation put before every chat, as Modelfile MESSAGE lines' }), Type.Null()])),
  files: Type.Optional(Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()])),
  adapters: Type.Optional(Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()])),
  stream: StreamFlagSchema
}, { $id: 'CreateRequest' })

export type CreateRequest = Static<typeof CreateRequestSchema>

export const CopyRequestSchema = Type.Object({
  source: Type.Optional(Type.String()),
  destination: Type.Optional(Type.String())
}, { $id: 'CopyRequest' })

export const DeleteRequestSchema = Type.Object({
  model: Type.Optional(Type.String()),
  name: Type.Optional(Type.String({ description: 'Legacy spelling of model' }))
}, { $id: 'DeleteRequest' })
