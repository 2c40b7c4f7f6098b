/** Types for parse-prometheus-text-format 1.1 (it ships none), from its README: prom2json's shape, every value a string. */
declare module 'parse-prometheus-text-format' {
  export interface PrometheusSample {
    /** Counters, gauges and untyped samples. */
    value?: string
    labels?: Record<string, string>
    /** Histograms: cumulative counts by upper bound (`le`). */
    buckets?: Record<string, string>
    count?: string
    sum?: string
  }
  export interface PrometheusFamily {
    name: string
    help: string
    type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED'
    metrics: PrometheusSample[]
  }
  export default function parsePrometheusTextFormat (text: string): PrometheusFamily[]
}
