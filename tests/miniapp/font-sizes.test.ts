// No text under 16 px, checked in the source for every page and both builds (the e2e walk sees only
// the pages it opens): in our CSS, px are design px at 750 wide and halved on a 375 px phone, so a
// font-size (or a NutUI *font-size* variable) below 32px is under 16 px; PX is not converted.
import fs from 'node:fs'
import path from 'node:path'

const src = path.resolve(__dirname, '../../miniapp/src')

function cssFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    return d.isDirectory() ? cssFiles(p) : d.name.endsWith('.css') ? [p] : []
  })
}

test('every font size in the mini-program CSS is at least 16 px on a 375 px phone', () => {
  const files = cssFiles(src)
  expect(files.length).toBeGreaterThan(20)
  const small: string[] = []
  for (const file of files) {
    const css = fs.readFileSync(file, 'utf8')
    for (const m of css.matchAll(/(font-size|--[\w-]*font-size[\w-]*)\s*:\s*(\d+(?:\.\d+)?)(px|PX)\b/g)) {
      const cssPx = m[3] === 'px' ? Number(m[2]) / 2 : Number(m[2])
      if (cssPx < 16) small.push(`${path.relative(src, file)}: ${m[0]}`)
    }
  }
  expect(small).toEqual([])
})
