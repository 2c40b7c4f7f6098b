/** `/health/live` and `/health/ready` bodies. */
import { Type } from '@sinclair/typebox'

export const HealthStatusSchema = Type.Object({
  status: Type.String({ description: 'ok (live) or ready' })
}, { $id: 'HealthStatus' })
