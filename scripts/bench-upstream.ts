/** Bench helper process: the fake OpenAI-compatible upstream, printing its URL on the first stdout line. */
import { startFakeUpstream } from '../test/helpers/fake-upstream.js'

const upstream = await startFakeUpstream()
console.log(upstream.url)
process.on('SIGTERM', () => { void upstream.close().then(() => process.exit(0)) })
