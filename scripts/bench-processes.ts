/**
 * The processes a bench runs: the zero-work upstream, the service, an nginx `proxy_pass` hop to the same upstream
 * (Debian's nginx, run unprivileged as a child with a temporary prefix), the Node floor (a minimal Node proxy to the
 * same upstream) and a listing's floor (a bare server answering fixed bytes), each stopped by `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ServiceStats } from './bench-service.js'
import { freePort } from '../test/helpers/free-port.js'

export interface BenchProcess {
  readonly url: string
  readonly child: ChildProcess
  stop(): Promise<void>
}

export interface ServiceProcess extends BenchProcess {
  /** The service's CPU time and memory now; `gc` first runs a full collection when the process allows it. */
  stats(gc?: boolean): Promise<ServiceStats>
  /** Starts the service's CPU profiler; `stopProfile(path)` writes the profile of everything since. */
  startProfile(): Promise<void>
  stopProfile(path: string): Promise<void>
}

async function stopChild (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
}

/** Starts a TypeScript helper that prints its URL on its first stdout line. */
async function startScript (script: string, env: Record<string, string>, nodeFlags: string[] = []): Promise<{ child: ChildProcess, url: string }> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc']
  })
  const lines = createInterface({ input: child.stdout! })
  const [url] = await once(lines, 'line') as [string]
  return { child, url }
}

export async function startUpstream (listedModels: string[] = []): Promise<BenchProcess> {
  const { child, url } = await startScript('scripts/bench-upstream.ts', { BENCH_LISTED_MODELS: listedModels.join(',') })
  return { child, url, stop: () => stopChild(child) }
}

/** The Node floor (scripts/bench-floor.ts): a minimal node:http + undici Pool proxy to `upstreamUrl`, its path kept, as nginx's is. */
export async function startFloor (upstreamUrl: string): Promise<BenchProcess> {
  const { child, url } = await startScript('scripts/bench-floor.ts', { BENCH_FLOOR_UPSTREAM: upstreamUrl })
  return { child, url, stop: () => stopChild(child) }
}

/**
 * A child's CPU time so far (user + system, µs) from /proc/<pid>/stat, for processes that cannot answer over IPC
 * (nginx, the floors); NaN where there is no /proc. In clock ticks of 10 ms (USER_HZ is 100 on Linux): divide by a run of a second or more.
 */
export async function childCpuMicros (child: ChildProcess): Promise<number> {
  const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8').catch(() => undefined)
  if (stat === undefined) return Number.NaN
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th, stime 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10_000
}

/** A bare node:http server answering every request with `body` as `contentType` (scripts/bench-static.ts): a listing's floor. */
export async function startStatic (body: Uint8Array, contentType: string): Promise<BenchProcess> {
  const directory = await mkdtemp(join(tmpdir(), 'bench-static-'))
  await writeFile(join(directory, 'body'), body)
  const { child, url } = await startScript('scripts/bench-static.ts', { BENCH_STATIC_FILE: join(directory, 'body'), BENCH_STATIC_TYPE: contentType })
  return {
    child,
    url,
    async stop () {
      await stopChild(child)
      await rm(directory, { recursive: true, force: true })
    }
  }
}

/** The service pointed at `upstreamUrl`; `nodeFlags` e.g. `--cpu-prof` (BENCH_SERVICE_FLAGS adds more). */
export async function startService (upstreamUrl: string, listedModels: string[] = [], env: Record<string, string> = {}): Promise<ServiceProcess> {
  // The young generation the image and `npm start` give the service (Dockerfile, package.json).
  const nodeFlags = ['--expose-gc', '--max-semi-space-size=64', ...(process.env.BENCH_SERVICE_FLAGS ?? '').split(' ').filter((flag) => flag !== '')]
  const { child, url } = await startScript('scripts/bench-service.ts', {
    OPENAI_BASE_URL: upstreamUrl, BENCH_LISTED_MODELS: listedModels.join(','), BENCH_SERVICE_ENV: JSON.stringify(env)
  }, nodeFlags)
  await untilSettled(url)
  return {
    child,
    url,
    stop: () => stopChild(child),
    async stats (gc = false) {
      const answer = once(child, 'message') as Promise<[ServiceStats]>
      child.send(gc ? 'gc' : 'stats')
      return (await answer)[0]
    },
    async startProfile () {
      const answer = once(child, 'message')
      child.send({ profile: 'start' })
      await answer
    },
    async stopProfile (path: string) {
      const answer = once(child, 'message')
      child.send({ profile: 'stop', path })
      await answer
    }
  }
}

/** Waits until the service answers 200: right after start-up its event-loop delay can exceed MAX_EVENT_LOOP_DELAY_MS (503). */
async function untilSettled (url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const response = await fetch(`${url}/api/version`).catch(() => undefined)
    await response?.arrayBuffer()
    if (response?.status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the service never answered 200 on /api/version')
}

const NGINX = process.env.BENCH_NGINX ?? '/usr/sbin/nginx'

async function waitForPort (port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`)
    const connected = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => { socket.destroy(); resolve(true) })
      socket.once('error', () => resolve(false))
    })
    if (connected) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('nginx did not start listening')
}

/**
 * nginx as a plain reverse proxy to `upstreamUrl`: one worker (the service is one process too), upstream
 * keep-alive, no buffering (streams pass through as they arrive), no access log. Undefined when nginx is not
 * installed (`apt-get install nginx-light`). The URL keeps the upstream's path (`…/v1`).
 */
export async function startNginx (upstreamUrl: string): Promise<BenchProcess | undefined> {
  if (!existsSync(NGINX)) return undefined
  const upstream = new URL(upstreamUrl)
  const prefix = await mkdtemp(join(tmpdir(), 'bench-nginx-'))
  const port = await freePort()
  const config = `
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream bench { server ${upstream.host}; keepalive 256; }
  server {
    listen 127.0.0.1:${port};
    keepalive_requests 1000000;
    location / {
      proxy_pass http://bench;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
`
  await writeFile(join(prefix, 'nginx.conf'), config)
  const child = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')], { stdio: ['ignore', 'ignore', 'inherit'] })
  await waitForPort(port, child)
  return {
    child,
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    async stop () {
      await stopChild(child)
      await rm(prefix, { recursive: true, force: true })
    }
  }
}
