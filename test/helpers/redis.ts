/**
 * Real Redis for tests (Debian's redis-server). `sharedTestRedis` is the instance .ci/run starts
 * (TEST_REDIS_URL), or one started here when that is unset on a developer's machine; under CI=true a
 * missing TEST_REDIS_URL is a failure, never a skip. `startRedis` always starts a private instance, for
 * tests that stop and restart it. Each test gets its own REDIS_KEY_PREFIX so files running at once on
 * one Redis never see each other's keys.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { freePort } from './free-port.js'

interface Teardown {
  teardown(fn: () => unknown): void
}

export interface TestRedis {
  readonly url: string
  /** Stops the server (the data goes with it: no persistence). */
  stop(): Promise<void>
  /** Starts it again on the same port. */
  start(): Promise<void>
}

/** A fresh key prefix for one test. */
export function testKeyPrefix (): string {
  return `test-${randomUUID()}:`
}

/** The Redis URL tests share: TEST_REDIS_URL, or (not under CI) a private instance for this file. */
export async function sharedTestRedis (t: Teardown): Promise<string> {
  const url = process.env.TEST_REDIS_URL
  if (url !== undefined && url !== '') return url
  if (process.env.CI === 'true') throw new Error('TEST_REDIS_URL is not set: .ci/run must start redis-server for the tests that need Redis')
  return (await startRedis(t)).url
}

/** A private redis-server on a free loopback port with a throwaway directory, stopped at teardown; `password` sets `requirepass`. */
export async function startRedis (t: Teardown, password?: string): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'ollama-adapter-redis-'))
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async (): Promise<void> => {
    const process = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...(password === undefined ? [] : ['--requirepass', password])], { stdio: 'ignore' })
    child = process
    const failed = once(process, 'error').then(([error]) => { throw error })
    await Promise.race([waitForPing(port, password), failed])
  }
  const stop = async (): Promise<void> => {
    const running = child
    child = undefined
    if (running === undefined || running.exitCode !== null) return
    const exited = once(running, 'exit')
    running.kill('SIGTERM')
    await exited
  }
  t.teardown(async () => {
    await stop()
    await rm(dir, { recursive: true, force: true })
  })
  await start()
  return { url: `redis://127.0.0.1:${port}`, stop, start }
}

async function waitForPing (port: number, password: string | undefined): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const client = new Redis({ port, host: '127.0.0.1', ...(password === undefined ? {} : { password }), lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 })
    client.on('error', () => {})
    try {
      await client.connect()
      if (await client.ping() === 'PONG') return
    } catch {
    } finally {
      client.disconnect()
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`redis-server did not answer on port ${port}`)
}
