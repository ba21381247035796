// Draws the tab bar icons once (weapp needs PNG files, 81x81; H5 uses the same files):
//   node miniapp/scripts/make-tab-icons.cjs
// Each icon is a simple line drawing in the tab colour (app.config.ts tabBar.color / selectedColor).
const path = require('node:path')
// sharp is the server's image library (photo thumbnails); borrowed from there, not a miniapp dependency
const sharp = require(require.resolve('sharp', { paths: [path.join(__dirname, '../../server')] }))

const out = path.join(__dirname, '../src/assets/tab')
const colours = { normal: '#4a4f55', selected: '#0a6b48' }
const line = 'fill="none" stroke="COLOUR" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"'

const shapes = {
  // 首页: a house with a door
  home: `<path d="M12 38 L40.5 13 L69 38" ${line}/><path d="M20 32 V68 H61 V32" ${line}/><path d="M34 68 V50 H47 V68" ${line}/>`,
  // 随手拍: a camera
  report: `<rect x="10" y="24" width="61" height="42" rx="8" ${line}/><path d="M28 24 L33 15 H48 L53 24" ${line}/><circle cx="40.5" cy="45" r="11" ${line}/>`,
  // 议事: two speech bubbles
  deliberation: `<path d="M10 16 H48 V42 H26 L16 51 V42 H10 Z" ${line}/><path d="M56 30 H71 V58 H65 V67 L55 58 H33 V50" ${line}/>`,
  // 公示: a notice board on its stand
  board: `<rect x="12" y="12" width="57" height="42" rx="5" ${line}/><path d="M23 26 H58 M23 40 H48" ${line}/><path d="M28 54 L22 70 M53 54 L59 70" ${line}/>`,
  // 我的: a person
  mine: `<circle cx="40.5" cy="27" r="13" ${line}/><path d="M15 70 C15 53 27 46 40.5 46 C54 46 66 53 66 70" ${line}/>`,
}

async function main() {
  for (const [name, shape] of Object.entries(shapes)) {
    for (const [state, colour] of Object.entries(colours)) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 81 81">${shape.replaceAll('COLOUR', colour)}</svg>`
      const file = path.join(out, state === 'normal' ? `${name}.png` : `${name}-active.png`)
      await sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toFile(file)
    }
  }
  console.log('tab icons written to', out)
}

main().catch((e) => { console.error(e); process.exit(1) })
