#!/usr/bin/env node
// Where a V8 CPU profile's time went (node --cpu-prof, e.g. polls-burst.mjs with BENCH_PROFILE):
// the top functions by self time, and self time per package (node_modules/<pkg>), our code, node
// internals, GC and idle. Not part of the jest run.
//   node tests/bench/cpu-profile-top.mjs <file.cpuprofile> [top=25] [--window fromUs,toUs]
// --window: only the samples taken between two monotonic times in µs (polls-burst.mjs prints the
// burst's window; process.hrtime and V8's profile timestamps share the clock).
import fs from 'node:fs'

const args = process.argv.slice(2)
const w = args.indexOf('--window')
const [from, to] = w >= 0 ? args.splice(w, 2)[1].split(',').map(Number) : [-Infinity, Infinity]
const [file, topArg] = args
const profile = JSON.parse(fs.readFileSync(file, 'utf8'))
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map()
// samples are node ids, timeDeltas the time before each sample (µs)
let at = profile.startTime
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0
  if (at >= from && at <= to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
})
const total = [...self.values()].reduce((a, b) => a + b, 0)

function where(url) {
  if (!url) return '(native/V8)'
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]
  if (url.startsWith('node:')) return 'node internals'
  if (/server\.cjs|\/server\/src\/|\/shared\/src\//.test(url)) return 'our code'
  return url
}
const fns = new Map()
const pkgs = new Map()
for (const [id, us] of self) {
  const { callFrame: f } = byId.get(id)
  const name = f.functionName || '(anonymous)'
  const key = ['(idle)', '(garbage collector)', '(program)'].includes(name) ? name : `${name} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`
  fns.set(key, (fns.get(key) ?? 0) + us)
  const group = ['(idle)', '(garbage collector)', '(program)'].includes(name) ? name : where(f.url)
  pkgs.set(group, (pkgs.get(group) ?? 0) + us)
}
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`
const busy = total - [...fns].filter(([k]) => k === '(idle)').reduce((a, [, us]) => a + us, 0)
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s not idle`)
console.log('\nself time by package:')
for (const [k, us] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${pct(us)} ${k}`)
console.log('\ntop functions by self time:')
for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25))) console.log(`${pct(us)} ${k}`)
