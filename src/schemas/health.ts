/** `/health/live` and `/health/ready` bodies. */
import { Type } from '@sinclair/typebox'
import { StringEnum } from './common.js'

export const HealthStatusSchema = Type.Object({
  status: StringEnum(['ok', 'ready'], { description: 'ok (live) or ready' })
}, { $id: 'HealthStatus' })
