#!/usr/bin/env node
// Checks a weapp build without WeChat DevTools:
//  1. compiles every page's .wxml (main package and subpackages) and all .wxss with WeChat's
//     own Linux compilers wcc/wcsc (npm miniprogram-compiler, a dependency of miniprogram-simulate);
//  2. measures the main package: every file under dist/weapp that is not inside a subpackage
//     root listed in app.json, and fails above 1.5 MB (WeChat's hard limit is 2 MB);
//  3. parses every .js as ES2019, so syntax old WeChat clients cannot parse fails here.
const path = require('path')
const fs = require('fs')

const LIMIT = 1.5 * 1024 * 1024 // 1572864 bytes
const root = path.resolve(process.argv[2] || 'dist/weapp')
if (!fs.existsSync(path.join(root, 'app.json'))) {
  console.error(`FAIL no app.json in ${root}: run \`pnpm --filter miniapp build:weapp\` first`)
  process.exit(1)
}
const simulateDir = path.dirname(require.resolve('miniprogram-simulate/package.json'))
const compiler = require(require.resolve('miniprogram-compiler', { paths: [simulateDir] }))

const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'))
const subs = app.subPackages || app.subpackages || []
const pages = [...app.pages]
for (const s of subs) for (const p of s.pages) pages.push(`${s.root.replace(/\/$/, '')}/${p}`)

let passed = 0
let failed = 0
const check = (good, msg) => {
  good ? passed++ : failed++
  console.log(`${good ? 'PASS' : 'FAIL'} ${msg}`)
}

globalThis.window = globalThis // the generated $gwx code assumes a browser-ish global
let $gwx = null
try {
  const js = compiler.wxmlToJs(root, { maxBuffer: 64 * 1024 * 1024 })
  // eslint-disable-next-line no-new-func
  $gwx = new Function(js)()
  check(true, `wcc compiled all .wxml (${(js.length / 1024).toFixed(1)} KiB of JS)`)
} catch (e) {
  check(false, `wcc failed: ${e.message}`)
}
if ($gwx) {
  const templates = [...pages]
  if (fs.existsSync(path.join(root, 'comp.wxml'))) templates.push('comp')
  for (const p of templates) {
    let gen
    try { gen = $gwx(`${p}.wxml`) } catch (e) { gen = e }
    check(typeof gen === 'function', `wcc ${p}.wxml`)
  }
}
try {
  const css = compiler.wxssToJs(root, { maxBuffer: 64 * 1024 * 1024 })
  check(typeof css === 'string' && css.includes('wxssMap'), `wcsc compiled all .wxss (${(css.length / 1024).toFixed(1)} KiB of JS)`)
} catch (e) {
  check(false, `wcsc failed: ${e.message}`)
}

// 3. syntax: every output .js must parse as ES2019 (acorn), the newest syntax WeChat's oldest
//    supported iOS JavaScriptCore parses (no ?. or ??, no class fields): the build transpiles
//    to it (config/index.ts) and project.config.json keeps es6/enhance off, so nothing re-transpiles.
const ECMA = 2019
const acorn = require(require.resolve('acorn', { paths: [path.dirname(require.resolve('webpack/package.json'))] }))
const jsFiles = []
const collect = (dir) => {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, ent.name)
    if (ent.isDirectory()) collect(full)
    else if (ent.name.endsWith('.js')) jsFiles.push(full)
  }
}
collect(root)
let syntaxBad = 0
for (const f of jsFiles) {
  const code = fs.readFileSync(f, 'utf8')
  try {
    acorn.parse(code, { ecmaVersion: ECMA, sourceType: 'script', allowHashBang: true })
  } catch (e) {
    syntaxBad++
    const line = code.split('\n')[(e.loc?.line ?? 1) - 1] ?? ''
    const col = e.loc?.column ?? 0
    check(false, `${path.relative(root, f)} is not ES${ECMA}: ${e.message} near \`${line.slice(Math.max(0, col - 40), col + 40)}\``)
  }
}
if (!syntaxBad) check(true, `all ${jsFiles.length} .js files parse as ES${ECMA}`)

// package sizes
const subRoots = subs.map((s) => s.root.replace(/\/$/, ''))
const sizes = { main: 0 }
for (const r of subRoots) sizes[r] = 0
const walk = (dir) => {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, ent.name)
    if (ent.isDirectory()) { walk(full); continue }
    const rel = path.relative(root, full).split(path.sep).join('/')
    if (rel.endsWith('.map') || rel === 'project.config.json' || rel === 'project.private.config.json') continue
    const sub = subRoots.find((r) => rel === r || rel.startsWith(`${r}/`))
    sizes[sub ?? 'main'] += fs.statSync(full).size
  }
}
walk(root)
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`
for (const r of subRoots) console.log(`     subpackage ${r}: ${sizes[r]} bytes (${kib(sizes[r])})`)
console.log(`     main package: ${sizes.main} bytes (${kib(sizes.main)}), limit ${LIMIT} bytes`)
check(sizes.main <= LIMIT, `main package ${kib(sizes.main)} <= 1.5 MB`)
for (const r of subRoots) check(sizes[r] <= 2 * 1024 * 1024, `subpackage ${r} ${kib(sizes[r])} <= 2 MB`)

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
