/** Process entry: build the app, listen on HOST:PORT, drain gracefully on SIGTERM/SIGINT. */
import { buildApp } from './app.js'

/** If the drain itself hangs (a stuck socket), the process still ends this long after the grace window. */
const DRAIN_HARD_LIMIT_EXTRA_MS = 10_000

async function main (): Promise<void> {
  let app
  try {
    app = await buildApp()
  } catch (error) {
    // Configuration errors (a bad PORT, say) are the common case: say what is wrong, nothing more.
    console.error(`ollama-adapter cannot start: ${(error as Error).message}`)
    process.exit(1)
  }
  const shutdown = async (signal: string) => {
    const graceMs = app.config.SHUTDOWN_GRACE_MS
    app.log.info(`${signal} received: not ready, letting open answers finish for up to ${graceMs} ms`)
    setTimeout(() => {
      app.log.error('drain did not finish, exiting anyway')
      process.exit(1)
    }, graceMs + DRAIN_HARD_LIMIT_EXTRA_MS).unref()
    await app.lifecycle.drain(graceMs)
    app.log.info('drained, exiting')
    process.exit(0)
  }
  process.once('SIGTERM', () => { void shutdown('SIGTERM') })
  process.once('SIGINT', () => { void shutdown('SIGINT') })
  await app.listen({ host: app.config.HOST, port: app.config.PORT, backlog: app.config.LISTEN_BACKLOG })
}

void main()
