/** Process entry: build the app, listen on HOST:PORT, close cleanly on SIGTERM/SIGINT. */
import { buildApp } from './app.js'

async function main (): Promise<void> {
  let app
  try {
    app = await buildApp()
  } catch (error) {
    // Configuration errors (a bad PORT, say) are the common case: say what is wrong, nothing more.
    console.error(`ollama-adapter cannot start: ${(error as Error).message}`)
    process.exit(1)
  }
  const close = async (signal: string) => {
    app.log.info(`${signal} received, closing`)
    await app.close()
    process.exit(0)
  }
  process.once('SIGTERM', () => { void close('SIGTERM') })
  process.once('SIGINT', () => { void close('SIGINT') })
  await app.listen({ host: app.config.HOST, port: app.config.PORT })
}

void main()
