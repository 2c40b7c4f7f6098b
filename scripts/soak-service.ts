/**
 * Soak helper process: the real service pointed at the fake upstream (OPENAI_BASE_URL), printing its
 * URL, then one JSON line of memory and handle counts for every "stats" line read on stdin.
 */
import { createInterface } from 'node:readline'
import { buildApp } from '../src/app.js'

const app = await buildApp({
  logger: false,
  env: {
    OPENAI_API_KEY: 'soak-key',
    OPENAI_BASE_URL: process.env.OPENAI_BASE_URL,
    OPENAI_MODELS: process.env.SOAK_MODELS,
    UPSTREAM_RETRY_BASE_MS: '20',
    UPSTREAM_IDLE_TIMEOUT_MS: '2000',
    MAX_PENDING_ANSWERS: '100000'
  }
})
console.log(await app.listen({ host: '127.0.0.1', port: 0 }))

const gc = (globalThis as { gc?: () => void }).gc
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'gc') gc?.()
  const resources = process.getActiveResourcesInfo()
  console.log(JSON.stringify({
    rssBytes: process.memoryUsage().rss,
    heapUsedBytes: process.memoryUsage().heapUsed,
    handles: resources.length,
    sockets: resources.filter((name) => name === 'TCPSocketWrap').length
  }))
})
process.on('SIGTERM', () => { void app.lifecycle.drain(1000).then(() => process.exit(0)) })
