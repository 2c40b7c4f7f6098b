/** A loopback TCP port free at the moment of asking, for a child process (Redis, nginx, a service) to listen on. */
import { once } from 'node:events'
import { createServer } from 'node:net'

/** Listens on port 0 of 127.0.0.1, reads the port the kernel chose, and closes again. */
export async function freePort (): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}
