/** The `/metrics` body: Prometheus's text exposition format. */
import { Type } from '@sinclair/typebox'

export const MetricsExpositionSchema = Type.String({
  description: 'Prometheus text exposition format 0.0.4 (`# HELP`, `# TYPE` and one sample a line); the names are listed in the README, "Monitoring"'
})
