/**
 * Issue 17: the deployment files agree with the service they deploy. deploy/kubernetes/ and the compose
 * "scale" profile parse, and their ports, probe paths, environment names, user, writable paths and grace
 * periods match the app (its routes, its env schema, its config-file schema) and the Dockerfile; Prometheus's
 * own promtool accepts deploy/prometheus/ and runs the alert rules' unit tests.
 */
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { parseAllDocuments, parse as parseYaml } from 'yaml'
import { buildEnvSchema } from '../../src/config/env-schema.js'
import { parseConfigFile } from '../../src/config/load-config-file.js'
import { providerDescriptors } from '../../providers/index.js'
import { buildTestApp, listenTestApp } from '../helpers/build-app.js'
import { promtool } from '../helpers/promtool.js'
import { family, scrape } from '../helpers/scrape.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const KUBERNETES = join(ROOT, 'deploy', 'kubernetes')
const PROMETHEUS = join(ROOT, 'deploy', 'prometheus')

/** The uid of the `node` user in the official Node images the Dockerfile builds on. */
const NODE_IMAGE_UID = 1000
/** After SHUTDOWN_GRACE_MS, plugins/lifecycle.ts gives error lines this long to flush before closing connections. */
const DRAIN_FLUSH_SECONDS = 1

/** Loosely typed YAML, read field by field with `at`. */
type Node = unknown

/** The value at `path` (keys and array indexes) or undefined. */
function at (node: Node, ...path: Array<string | number>): Node {
  let current = node
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}

function list (node: Node): Node[] {
  return Array.isArray(node) ? node : []
}

function record (node: Node): Record<string, Node> {
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? node as Record<string, Node> : {}
}

interface Manifest {
  file: string
  kind: string
  name: string
  body: Node
}

async function readManifests (): Promise<Manifest[]> {
  const manifests: Manifest[] = []
  for (const file of (await readdir(KUBERNETES)).filter((name) => name.endsWith('.yaml')).sort()) {
    for (const document of parseAllDocuments(await readFile(join(KUBERNETES, file), 'utf8'))) {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`)
      const body = document.toJS() as Node
      if (body === null) continue
      manifests.push({ file, kind: String(at(body, 'kind')), name: String(at(body, 'metadata', 'name')), body })
    }
  }
  return manifests
}

function only (manifests: Manifest[], kind: string): Manifest {
  const found = manifests.filter((manifest) => manifest.kind === kind)
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`)
  return found[0]!
}

/** Every variable the service reads: its env schema, server variables and each provider's. */
function envSchemaNames (): Set<string> {
  return new Set(Object.keys(buildEnvSchema(providerDescriptors).properties))
}

/** Dockerfile instructions of the last (runtime) stage: `ENV` pairs, `USER`, `EXPOSE`, `HEALTHCHECK`. */
async function runtimeStage (): Promise<{ env: Record<string, string>, user: string, exposed: number[], healthcheck: string }> {
  const text = (await readFile(join(ROOT, 'Dockerfile'), 'utf8')).replace(/\\\n/g, ' ')
  const stages = text.split(/^FROM /m)
  const lines = (stages.at(-1) ?? '').split('\n').map((line) => line.trim())
  const env: Record<string, string> = {}
  for (const line of lines.filter((candidate) => candidate.startsWith('ENV '))) {
    for (const pair of line.slice(4).trim().split(/\s+/)) {
      const [key, value] = pair.split('=')
      if (key !== undefined && value !== undefined) env[key] = value
    }
  }
  const user = lines.find((line) => line.startsWith('USER '))?.slice(5).trim() ?? 'root'
  const exposed = lines.filter((line) => line.startsWith('EXPOSE ')).flatMap((line) => line.slice(7).trim().split(/\s+/).map(Number))
  const healthcheck = lines.find((line) => line.startsWith('HEALTHCHECK ')) ?? ''
  return { env, user, exposed, healthcheck }
}

/** `30s`, `1m30s` (compose durations) in seconds. */
function composeSeconds (duration: string): number {
  let seconds = 0
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(h|m|s|ms)/g)) {
    seconds += Number(amount) * ({ h: 3600, m: 60, s: 1, ms: 0.001 }[unit as 'h' | 'm' | 's' | 'ms'])
  }
  return seconds
}

t.test('every manifest parses, and the kustomization lists exactly the files beside it', async (t) => {
  const manifests = await readManifests()
  for (const manifest of manifests) {
    // A Kustomization is read by kubectl itself and has no name.
    const named = manifest.kind === 'Kustomization' || manifest.name !== 'undefined'
    t.ok(typeof at(manifest.body, 'apiVersion') === 'string' && named, `${manifest.file}: ${manifest.kind}/${manifest.name}`)
  }
  const kustomization = only(manifests, 'Kustomization')
  const files = (await readdir(KUBERNETES)).filter((name) => name.endsWith('.yaml') && name !== kustomization.file).sort()
  t.same(list(at(kustomization.body, 'resources')).map(String).sort(), files)
  t.same(manifests.map((manifest) => manifest.kind).sort(),
    ['ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Kustomization', 'PodDisruptionBudget', 'Secret', 'Service'])
})

t.test('the Deployment agrees with the app, its env schema and the Dockerfile', async (t) => {
  const manifests = await readManifests()
  const deployment = only(manifests, 'Deployment').body
  const pod = at(deployment, 'spec', 'template', 'spec')
  const containers = list(at(pod, 'containers'))
  t.equal(containers.length, 1)
  const container = containers[0]
  const env = new Map(list(at(container, 'env')).map((entry) => [String(at(entry, 'name')), entry]))
  const envValue = (name: string) => at(env.get(name), 'value') as string | undefined
  const schema = buildEnvSchema(providerDescriptors)
  const schemaNames = envSchemaNames()
  const docker = await runtimeStage()

  await t.test('ports', async (t) => {
    const ports = list(at(container, 'ports'))
    const http = ports.find((port) => at(port, 'name') === 'http')
    const port = Number(envValue('PORT') ?? docker.env.PORT)
    t.equal(at(http, 'containerPort'), port, 'containerPort is the PORT the app listens on')
    t.equal(at(schema, 'properties', 'PORT', 'default'), port, 'Ollama\'s port, the schema default')
    t.same(docker.exposed, [port], 'the Dockerfile exposes it')
    t.equal(envValue('HOST') ?? docker.env.HOST, '0.0.0.0', 'listening on every interface')
    const service = only(manifests, 'Service').body
    const servicePort = list(at(service, 'spec', 'ports'))[0]
    t.equal(at(servicePort, 'port'), port, 'the Service answers on the same port')
    t.equal(at(servicePort, 'targetPort'), 'http', 'and targets the named container port')
  })

  await t.test('probes are routes of the app that answer 200', async (t) => {
    const { app } = await buildTestApp(t)
    t.equal(at(container, 'livenessProbe', 'httpGet', 'path'), '/health/live')
    t.equal(at(container, 'readinessProbe', 'httpGet', 'path'), '/health/ready')
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const path = String(at(container, probe, 'httpGet', 'path'))
      t.ok(app.hasRoute({ method: 'GET', url: path }), `${probe}: GET ${path} is a route`)
      t.equal((await app.inject({ method: 'GET', url: path })).statusCode, 200, `${probe}: ${path} answers 200`)
      t.equal(at(container, probe, 'httpGet', 'port'), 'http', `${probe}: on the named port`)
    }
    const dockerProbe = /\/health\/[a-z]+/.exec(docker.healthcheck)?.[0] ?? ''
    t.ok(app.hasRoute({ method: 'GET', url: dockerProbe }), `the Dockerfile's HEALTHCHECK (${dockerProbe}) is a route`)
  })

  await t.test('every environment name is one the service reads', async (t) => {
    const names = [...env.keys()]
    for (const source of list(at(container, 'envFrom'))) {
      const secretName = at(source, 'secretRef', 'name')
      const secret = manifests.find((manifest) => manifest.kind === 'Secret' && manifest.name === secretName)
      t.ok(secret, `envFrom Secret ${String(secretName)} is in secret.yaml`)
      names.push(...Object.keys(record(at(secret?.body, 'stringData'))), ...Object.keys(record(at(secret?.body, 'data'))))
    }
    t.ok(names.length > 5)
    for (const name of names) t.ok(schemaNames.has(name), `${name} is in the env schema`)
    const redis = env.get('REDIS_URL')
    t.ok(names.includes('REDIS_URL'), 'the Deployment passes REDIS_URL')
    t.equal(at(redis, 'valueFrom', 'secretKeyRef', 'optional'), true, 'REDIS_URL is optional: without its Secret each replica keeps its own state')
  })

  await t.test('the shutdown fits: preStop pause, then the drain, inside the grace period', async (t) => {
    const graceMs = Number(envValue('SHUTDOWN_GRACE_MS') ?? at(schema, 'properties', 'SHUTDOWN_GRACE_MS', 'default'))
    const command = list(at(container, 'lifecycle', 'preStop', 'exec', 'command')).map(String)
    t.equal(command[0], 'sleep')
    const pause = Number(command[1])
    t.ok(pause > 0, `preStop pauses ${pause} s`)
    const terminationGrace = Number(at(pod, 'terminationGracePeriodSeconds'))
    t.ok(terminationGrace > pause + graceMs / 1000 + DRAIN_FLUSH_SECONDS,
      `terminationGracePeriodSeconds ${terminationGrace} > preStop ${pause} + SHUTDOWN_GRACE_MS ${graceMs / 1000} + flush ${DRAIN_FLUSH_SECONDS}`)
  })

  await t.test('non-root, read-only root filesystem, writable paths on emptyDir volumes', async (t) => {
    t.equal(docker.user, 'node', 'the image runs as node')
    t.equal(at(pod, 'securityContext', 'runAsNonRoot'), true)
    t.equal(at(pod, 'securityContext', 'runAsUser'), NODE_IMAGE_UID, 'the image\'s node user')
    t.equal(at(container, 'securityContext', 'readOnlyRootFilesystem'), true)
    t.equal(at(container, 'securityContext', 'allowPrivilegeEscalation'), false)
    t.same(at(container, 'securityContext', 'capabilities', 'drop'), ['ALL'])
    const volumes = new Map(list(at(pod, 'volumes')).map((volume) => [String(at(volume, 'name')), volume]))
    const mounts = list(at(container, 'volumeMounts'))
    const mountOf = (path: string) => mounts.find((mount) => path === at(mount, 'mountPath') || path.startsWith(`${String(at(mount, 'mountPath'))}/`))
    const dataDir = envValue('DATA_DIR') ?? docker.env.DATA_DIR ?? ''
    t.equal(dataDir, docker.env.DATA_DIR, 'DATA_DIR is the image\'s /data')
    for (const path of [dataDir, '/tmp']) {
      const mount = mountOf(path)
      t.ok(mount !== undefined && at(mount, 'readOnly') !== true, `${path} is a writable mount`)
      t.ok(at(volumes.get(String(at(mount, 'name'))), 'emptyDir') !== undefined, `${path} is an emptyDir`)
    }
    const configFile = envValue('CONFIG_FILE') ?? ''
    const configMount = mountOf(configFile)
    const configVolume = volumes.get(String(at(configMount, 'name')))
    const configMapName = at(configVolume, 'configMap', 'name')
    const configMap = manifests.find((manifest) => manifest.kind === 'ConfigMap' && manifest.name === configMapName)
    const text = at(configMap?.body, 'data', posix.basename(configFile))
    t.type(text, 'string', `CONFIG_FILE ${configFile} comes from ConfigMap ${String(configMapName)}`)
    t.ok(parseConfigFile(String(text), configFile).aliases, 'and passes the config file\'s schema')
  })

  await t.test('the Service, the autoscaler and the disruption budget select these pods', async (t) => {
    const podLabels = record(at(deployment, 'spec', 'template', 'metadata', 'labels'))
    const selects = (selector: Node) => Object.entries(record(selector)).every(([key, value]) => podLabels[key] === value) && Object.keys(record(selector)).length > 0
    t.ok(selects(at(deployment, 'spec', 'selector', 'matchLabels')), 'the Deployment\'s own selector')
    t.ok(selects(at(only(manifests, 'Service').body, 'spec', 'selector')), 'the Service')
    const pdb = only(manifests, 'PodDisruptionBudget').body
    t.ok(selects(at(pdb, 'spec', 'selector', 'matchLabels')), 'the PodDisruptionBudget')
    const hpa = only(manifests, 'HorizontalPodAutoscaler').body
    t.same(at(hpa, 'spec', 'scaleTargetRef'), { apiVersion: 'apps/v1', kind: 'Deployment', name: 'ollama-adapter' })
    const minReplicas = Number(at(hpa, 'spec', 'minReplicas'))
    t.ok(minReplicas >= 2, 'at least two replicas')
    t.ok(Number(at(pdb, 'spec', 'minAvailable')) < minReplicas, 'a node drain can always proceed')
  })
})

t.test('the compose "scale" profile: two replicas on Redis, scraped by Prometheus with their key', async (t) => {
  const compose = parseYaml(await readFile(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as Node
  const services = record(at(compose, 'services'))
  const inProfile = Object.keys(services).filter((name) => list(at(services[name], 'profiles')).includes('scale')).sort()
  const replicas = inProfile.filter((name) => at(services[name], 'build') === '.')
  t.same(replicas.length, 2, 'two replicas built from this repository')
  t.same(inProfile, [...replicas, 'prometheus', 'redis'].sort())
  t.same(Object.keys(services).filter((name) => at(services[name], 'profiles') === undefined).sort(), ['ollama-adapter', 'open-webui'], 'the default services are unchanged')
  const schemaNames = envSchemaNames()
  const docker = await runtimeStage()
  const graceMs = Number(at(buildEnvSchema(providerDescriptors), 'properties', 'SHUTDOWN_GRACE_MS', 'default'))
  const redisUrlPattern = new RegExp(String(at(buildEnvSchema(providerDescriptors), 'properties', 'REDIS_URL', 'pattern')))
  for (const name of replicas) {
    const service = services[name]
    const environment = record(at(service, 'environment'))
    for (const key of Object.keys(environment)) t.ok(schemaNames.has(key), `${name}: ${key} is in the env schema`)
    t.match(String(environment.REDIS_URL), /^redis:\/\/redis:6379(\/|$)/, `${name}: Redis is the profile's redis service`)
    t.match(String(environment.REDIS_URL), redisUrlPattern, `${name}: REDIS_URL passes the env schema's pattern`)
    t.equal(at(service, 'read_only'), true, `${name}: read-only root filesystem`)
    const tmpfs = list(at(service, 'tmpfs')).map((entry) => String(entry).split(':')[0])
    t.ok(tmpfs.includes(String(environment.DATA_DIR ?? docker.env.DATA_DIR)) && tmpfs.includes('/tmp'), `${name}: DATA_DIR and /tmp writable`)
    const grace = Number(environment.SHUTDOWN_GRACE_MS ?? graceMs) / 1000
    t.ok(composeSeconds(String(at(service, 'stop_grace_period'))) > grace + DRAIN_FLUSH_SECONDS, `${name}: stop_grace_period outlasts the drain`)
  }

  const prometheusConfig = parseYaml(await readFile(join(PROMETHEUS, 'prometheus.yml'), 'utf8')) as Node
  const job = list(at(prometheusConfig, 'scrape_configs')).find((candidate) => at(candidate, 'job_name') === 'ollama-adapter')
  const port = Number(docker.env.PORT)
  t.same(list(at(job, 'static_configs', 0, 'targets')).map(String).sort(), replicas.map((name) => `${name}:${port}`), 'Prometheus scrapes each replica')
  t.equal(at(job, 'metrics_path'), '/metrics')
  for (const name of replicas) {
    t.equal(at(job, 'authorization', 'credentials'), at(services[name], 'environment', 'METRICS_API_KEY'), `${name}: with its METRICS_API_KEY`)
  }
  const mounts = list(at(services.prometheus, 'volumes')).map((volume) => String(volume).split(':'))
  const mounted = new Map(mounts.map(([source, target]) => [target, source]))
  t.equal(mounted.get('/etc/prometheus/prometheus.yml'), './deploy/prometheus/prometheus.yml')
  for (const ruleFile of list(at(prometheusConfig, 'rule_files')).map(String)) {
    t.equal(mounted.get(posix.join('/etc/prometheus', ruleFile)), `./deploy/prometheus/${ruleFile}`, `${ruleFile} is mounted beside the config`)
  }
})

t.test('promtool accepts the Prometheus config and its rules, and the alerts\' unit tests pass', async (t) => {
  const config = await promtool(['check', 'config', join(PROMETHEUS, 'prometheus.yml')])
  t.equal(config.code, 0, config.output)
  const rules = await promtool(['test', 'rules', join(PROMETHEUS, 'alerts.test.yml')])
  t.equal(rules.code, 0, rules.output)
})

t.test('every metric the alerts use is one the app exposes', async (t) => {
  const { url, app } = await listenTestApp(t)
  app.metrics.setRedisUp(true)
  const scraped = await scrape(url)
  const alerts = await readFile(join(PROMETHEUS, 'alerts.yml'), 'utf8')
  const used = new Set([...alerts.matchAll(/ollama_adapter_[a-z_]+/g)].map(([name]) => name.replace(/_(bucket|count|sum)$/, '')))
  t.ok(used.size >= 5)
  for (const name of used) t.ok(family(scraped, name), `${name} is exposed`)
})
