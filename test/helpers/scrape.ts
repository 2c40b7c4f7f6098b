/**
 * Reads GET /metrics as Prometheus would: over HTTP, parsed by parse-prometheus-text-format (an independent
 * parser, not prom-client), with lookups by name and labels for assertions. That parser folds a histogram's
 * series into one and drops their labels (prom2json's shape for unlabelled histograms), so histograms are
 * also read a second way: the same text without its `# TYPE … histogram` lines, where each `_bucket`,
 * `_sum` and `_count` line is an untyped sample that keeps its labels.
 */
import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from 'parse-prometheus-text-format'
import { request } from 'undici'

export interface Scrape {
  status: number
  contentType: string
  text: string
  families: PrometheusFamily[]
  /** The same text parsed with histograms untyped: `<name>_count`, `<name>_bucket`… as families of their own. */
  series: PrometheusFamily[]
}

/** One scrape of `${url}/metrics`; a non-200 answer is returned unparsed (`families` empty). */
export async function scrape (url: string, headers: Record<string, string> = {}): Promise<Scrape> {
  const answer = await request(`${url}/metrics`, { headers })
  const text = await answer.body.text()
  const parsed = answer.statusCode === 200
  const families = parsed ? parsePrometheusTextFormat(text) : []
  const series = parsed ? parsePrometheusTextFormat(text.split('\n').filter((line) => !/^# TYPE \S+ histogram$/.test(line)).join('\n')) : []
  return { status: answer.statusCode, contentType: String(answer.headers['content-type'] ?? ''), text, families, series }
}

export function family (scraped: Scrape, name: string): PrometheusFamily | undefined {
  return scraped.families.find((candidate) => candidate.name === name)
}

/** The samples of `name` whose labels include every one of `labels`. */
export function samples (scraped: Scrape, name: string, labels: Record<string, string> = {}): PrometheusSample[] {
  return (family(scraped, name)?.metrics ?? []).filter((sample) =>
    Object.entries(labels).every(([key, value]) => (sample.labels?.[key] ?? '') === value))
}

/** The sum of the matching counter or gauge samples' values (0 when none match, as Prometheus's sum() of nothing). */
export function total (scraped: Scrape, name: string, labels: Record<string, string> = {}): number {
  return samples(scraped, name, labels).reduce((sum, sample) => sum + Number(sample.value), 0)
}

/** The summed observation count (`<name>_count`) of the matching histogram series. */
export function observations (scraped: Scrape, name: string, labels: Record<string, string> = {}): number {
  return histogramSamples(scraped, `${name}_count`, labels).reduce((sum, sample) => sum + Number(sample.value), 0)
}

/** The cumulative count of the matching histogram series' bucket `le`. */
export function bucket (scraped: Scrape, name: string, le: string, labels: Record<string, string> = {}): number {
  return histogramSamples(scraped, `${name}_bucket`, { ...labels, le }).reduce((sum, sample) => sum + Number(sample.value), 0)
}

/** Untyped, one label set's `_bucket`, `_sum` and `_count` lines come in turn: each run is a family of its own. */
function histogramSamples (scraped: Scrape, name: string, labels: Record<string, string>): PrometheusSample[] {
  return scraped.series.filter((candidate) => candidate.name === name).flatMap((candidate) => candidate.metrics).filter((sample) =>
    Object.entries(labels).every(([key, value]) => (sample.labels?.[key] ?? '') === value))
}
