/**
 * `pnpm check:weapp` fails on syntax an older iOS WeChat cannot parse (ES2020+), and names the file.
 * A tiny weapp output is written to a temporary folder and checked by the real script.
 */
const { spawnSync } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')

const script = path.resolve(__dirname, '../../miniapp/scripts/check-weapp.cjs')

function check(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-check-'))
  fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: [] }))
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), text)
  }
  const r = spawnSync(process.execPath, [script, dir], { cwd: path.dirname(script), encoding: 'utf8' })
  fs.rmSync(dir, { recursive: true, force: true })
  return { status: r.status, out: r.stdout + r.stderr }
}

test('ES2019 output passes the syntax check', () => {
  const { out } = check({ 'app.js': 'const a = { b: 1 }; async function f() { try { await a } catch { return a && a.b } }\n' })
  expect(out).toContain('PASS all 1 .js files parse as ES2019')
})

test.each([
  ['optional chaining', 'var a = {}; var c = a?.b\n'],
  ['nullish coalescing', 'var a = null; var c = a ?? 1\n'],
  ['class fields', 'class A { x = 1 }\n'],
])('%s fails the check and names the file', (_what, code) => {
  const { status, out } = check({ 'app.js': 'var ok = 1\n', 'packages/polls/pages/detail/index.js': code })
  expect(status).toBe(1)
  expect(out).toContain('FAIL packages/polls/pages/detail/index.js is not ES2019')
  expect(out).not.toContain('FAIL app.js')
})
