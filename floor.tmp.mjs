import { createServer } from 'node:http'
import { Pool } from 'undici'
const up = new URL(process.argv[2])
const pool = new Pool(up.origin, { connections: 128 })
const server = createServer(async (req, res) => {
  const chunks = []
  for await (const c of req) chunks.push(c)
  const body = JSON.parse(Buffer.concat(chunks).toString())
  const r = await pool.request({ path: up.pathname + '/chat/completions', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  res.writeHead(r.statusCode, { 'content-type': r.headers['content-type'] })
  for await (const c of r.body) res.write(c)
  res.end()
})
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port))
