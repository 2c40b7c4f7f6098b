/**
 * `npm run soak`: minutes of concurrent streamed load through the service (its own process) against
 * the fake upstream (this process), with a few percent of injected upstream faults and client aborts.
 * Prints requests, outcomes by kind, upstream requests still open after the run (must be 0), and the
 * service's RSS and handle counts at start, at peak and after load. Not part of CI.
 *
 * SOAK_SECONDS (60), SOAK_CONCURRENCY (64), SOAK_FAULT_PERCENT (4), SOAK_ABORT_PERCENT (5).
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { Agent, request } from 'undici'
import { startFakeUpstream } from '../test/helpers/fake-upstream.js'

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60)
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 64)
const FAULT_PERCENT = Number(process.env.SOAK_FAULT_PERCENT ?? 4)
const ABORT_PERCENT = Number(process.env.SOAK_ABORT_PERCENT ?? 5)
const FAULT_MODELS = ['fake-reset', 'fake-malformed', 'fake-truncated', 'fake-error-event', 'fake-500', 'fake-529', 'fake-early-error']
const MODELS = ['fake-steady', 'fake-text', 'fake-tools', 'fake-reasoning', 'fake-slow', ...FAULT_MODELS]

interface Stats { rssBytes: number, heapUsedBytes: number, handles: number, sockets: number }

const upstream = await startFakeUpstream()
const service = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'scripts/soak-service.ts'], {
  env: { ...process.env, OPENAI_BASE_URL: upstream.url, SOAK_MODELS: MODELS.join(',') },
  stdio: ['pipe', 'pipe', 'inherit']
})
const lines = createInterface({ input: service.stdout! })
const [serviceUrl] = await once(lines, 'line') as [string]

async function serviceStats (command = 'stats'): Promise<Stats> {
  service.stdin!.write(command + '\n')
  const [line] = await once(lines, 'line') as [string]
  return JSON.parse(line) as Stats
}

const outcomes = new Map<string, number>()
const count = (kind: string) => outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1)
const client = new Agent({ connections: CONCURRENCY * 2 })

function pickModel (): { model: string, abort: boolean } {
  const roll = Math.random() * 100
  if (roll < ABORT_PERCENT) return { model: 'fake-slow', abort: true }
  if (roll < ABORT_PERCENT + FAULT_PERCENT) return { model: FAULT_MODELS[Math.floor(Math.random() * FAULT_MODELS.length)]!, abort: false }
  return { model: ['fake-steady', 'fake-text', 'fake-tools', 'fake-reasoning'][Math.floor(Math.random() * 4)]!, abort: false }
}

async function oneRequest (): Promise<void> {
  const { model, abort } = pickModel()
  const stream = abort || Math.random() < 0.9
  const controller = new AbortController()
  try {
    const response = await request(`${serviceUrl}/api/chat`, {
      dispatcher: client,
      method: 'POST',
      signal: controller.signal,
      body: JSON.stringify({ model: `openai/${model}`, messages: [{ role: 'user', content: 'soak' }], stream })
    })
    if (abort) {
      // Leave mid-stream, after the first bytes arrived.
      const reader = response.body[Symbol.asyncIterator]()
      await reader.next()
      controller.abort()
      await reader.return?.().catch(() => undefined)
      count('client abort mid-stream')
      return
    }
    const text = await response.body.text()
    if (response.statusCode !== 200) {
      count(`http ${response.statusCode}`)
      return
    }
    const last = text.trim().split('\n').at(-1) ?? ''
    const parsed = JSON.parse(last) as { done?: boolean, error?: string }
    if (parsed.error !== undefined) count(`error line: ${parsed.error}`)
    else count(parsed.done === true ? 'ok' : 'ended without done')
  } catch (error) {
    count(abort ? 'client abort mid-stream' : `client exception: ${(error as Error).message}`)
  }
}

const start = await serviceStats('gc')
let peak = start
const sampler = setInterval(() => {
  void serviceStats().then((stats) => {
    peak = {
      rssBytes: Math.max(peak.rssBytes, stats.rssBytes),
      heapUsedBytes: Math.max(peak.heapUsedBytes, stats.heapUsedBytes),
      handles: Math.max(peak.handles, stats.handles),
      sockets: Math.max(peak.sockets, stats.sockets)
    }
  })
}, 1000)
const endAt = Date.now() + SECONDS * 1000
let requests = 0
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (Date.now() < endAt) {
    requests += 1
    await oneRequest()
  }
}))
clearInterval(sampler)
await client.close()

// Give aborted upstream requests a moment to be torn down, then look.
const settleDeadline = Date.now() + 5000
while (upstream.openRequests() > 0 && Date.now() < settleDeadline) await new Promise((resolve) => setTimeout(resolve, 50))
const openAfter = upstream.openRequests()
await new Promise((resolve) => setTimeout(resolve, 5000))
const after = await serviceStats('gc')

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
console.log(`soak: ${SECONDS} s, concurrency ${CONCURRENCY}, ${FAULT_PERCENT}% upstream faults, ${ABORT_PERCENT}% client aborts`)
console.log(`requests: ${requests}, client aborts mid-stream: ${outcomes.get('client abort mid-stream') ?? 0} (upstream saw ${upstream.calls.length}, ${upstream.calls.filter((call) => call.aborted).length} aborted)`)
for (const [kind, number] of [...outcomes].sort((left, right) => right[1] - left[1])) console.log(`  ${kind}: ${number}`)
console.log(`upstream requests still open after the run: ${openAfter}`)
console.log(`service RSS: start ${mb(start.rssBytes)}, peak ${mb(peak.rssBytes)}, after ${mb(after.rssBytes)}`)
console.log(`service heap used: start ${mb(start.heapUsedBytes)}, peak ${mb(peak.heapUsedBytes)}, after ${mb(after.heapUsedBytes)}`)
console.log(`service handles: start ${start.handles}, peak ${peak.handles}, after ${after.handles} (TCP sockets ${start.sockets} / ${peak.sockets} / ${after.sockets})`)

service.kill('SIGTERM')
await once(service, 'exit')
await upstream.close()
process.exitCode = openAfter === 0 ? 0 : 1
