/**
 * `tsx scripts/cpu-profile-top.ts <file.cpuprofile> [n]`: the top `n` (25) functions of a V8 CPU profile
 * (`node --cpu-prof`, or `BENCH_PROFILE_DIR` of scripts/bench.ts) by self time, and the top by inclusive time,
 * as shares of the busy samples (idle left out, and the inspector's own `dispatch` that writes the profile).
 */
import { readFileSync } from 'node:fs'

interface ProfileNode { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }
interface Profile { nodes: ProfileNode[], samples: number[], timeDeltas: number[] }

const [file, count = '25'] = process.argv.slice(2)
if (file === undefined) throw new Error('usage: cpu-profile-top.ts <file.cpuprofile> [n]')
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
const label = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame
  const where = url === '' ? '' : ` ${url.replace(/^.*\/(node_modules\/)?/, (_, modules: string | undefined) => modules ?? '')}:${lineNumber + 1}`
  return `${functionName || '(anonymous)'}${where}`
}
const self = new Map<string, number>()
const total = new Map<string, number>()
let sum = 0
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0
  const node = byId.get(id)!
  if (node.callFrame.functionName === '(idle)' || (node.callFrame.functionName === 'dispatch' && node.callFrame.url === '')) return
  sum += delta
  self.set(label(node), (self.get(label(node)) ?? 0) + delta)
  const seen = new Set<string>()
  for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
    const name = label(byId.get(current)!)
    if (seen.has(name)) continue
    seen.add(name)
    total.set(name, (total.get(name) ?? 0) + delta)
  }
})
const show = (title: string, table: Map<string, number>) => {
  console.log(`${title} (of ${(sum / 1000).toFixed(0)} ms busy)`)
  for (const [name, micros] of [...table].sort((left, right) => right[1] - left[1]).slice(0, Number(count))) {
    console.log(`${(100 * micros / sum).toFixed(1).padStart(5)}%  ${name}`)
  }
  console.log()
}
show('self time', self)
show('inclusive time', total)
