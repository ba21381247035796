import postcss, { type Declaration, type Rule } from 'postcss'
import type { Compiler } from 'webpack'

/**
 * 长辈模式 in the weapp build. H5 grows every rem through the root font size (index.html); a weapp
 * has no <html> and its sizes are rpx, so this build step does the same job in two parts:
 *
 * 1. Every page template opens with `<page-meta page-style="{{linliElder}}">`: page-meta styles the
 *    page node itself, the ancestor of everything drawn on the page (dialogs and sheets included).
 *    src/elder.ts sets `linliElder` to `--text-scale: 1.25` on each page when elder mode is on.
 * 2. In every .wxss (ours and NutUI's, after Taro's px -> rpx), the sizes people read and tap are
 *    multiplied by that variable: `96rpx` -> `calc(96rpx * var(--text-scale, 1))`. Unset, the
 *    variable is 1 and nothing changes. Widths, margins, borders, photos and bars keep their size,
 *    so grids and layouts stay as drawn.
 */
export const ELDER_DATA_KEY = 'linliElder'
const SCALE = 'var(--text-scale, 1)'

/** controls whose box must grow with their text: buttons, inputs, pickers, cells, ticks, icons */
const CONTROL = /btn|button|input|textarea|picker|pick\b|__pick|nut-cell(?![\w-])|menu-cell|option|segments__item|check__box|__mark|date-value|switch|__snap|nut-icon|step-head|step-title|step-description|dialog-close|elder__entry|home-row|errand-check|household-(tick|pick)|__meeting/

const rpx = /(?<![\w.-])(\d*\.?\d+)rpx\b/
const relative = /(\d|\))(em|%)|\b(inherit|initial|unset|auto|normal)\b/

/** `calc(<value> * scale)` for one length (a number of rpx, a var(), a calc()) */
const times = (value: string) => `calc(${value.replace(/^calc\((.*)\)$/, '($1)')} * ${SCALE})`

/** each rpx length of a shorthand (`0 32rpx`) on its own; var()/calc() parts are left whole */
function scaleTokens(value: string): string {
  if (/var\(|calc\(/.test(value)) return value
  return value.replace(new RegExp(rpx.source, 'g'), (m) => (m === '0rpx' ? m : times(m)))
}

function scaleDecl(d: Declaration): void {
  const v = d.value
  if (!rpx.test(v) && !/var\(/.test(v)) return
  if (v.includes('--text-scale') || relative.test(v)) return
  const rule = d.parent as Rule
  const selector = rule.selector ?? ''
  // custom properties: only the paddings a shorthand var() carries (NutUI's cell padding) —
  // sizes are scaled where they are used, so they are not scaled twice
  if (d.prop.startsWith('--')) {
    if (/padding$/.test(d.prop)) d.value = scaleTokens(v)
    return
  }
  switch (d.prop) {
    case 'font-size':
      d.value = times(v)
      return
    case 'line-height':
      if (rpx.test(v) && !/^0(rpx)?$/.test(v)) d.value = times(v)
      return
    case 'min-height':
      d.value = times(v)
      return
    case 'height': {
      // a box whose line-height is its height (a one-line button), or a control
      const sameLine = rule.some((n) => n.type === 'decl' && n.prop === 'line-height' && rpx.test(n.value))
      if (!sameLine && !CONTROL.test(selector)) return
      // a square (a tick box, an icon: `var(--nut-icon-width, 32rpx)` beside its -height) stays square
      rule.each((n) => {
        if (n.type === 'decl' && n.prop === 'width' && n.value.replace(/width/g, 'height') === v) n.value = times(n.value)
      })
      d.value = times(v)
      return
    }
    case 'padding': case 'padding-top': case 'padding-bottom': case 'padding-left': case 'padding-right':
      if (CONTROL.test(selector)) d.value = scaleTokens(v)
      return
    default:
  }
}

/**
 * A one-line box (a button whose line-height is its height) would spill a label that wraps at the
 * larger size out of the box: it gets its height from the text instead — a normal line-height and
 * padding that makes one line exactly the box's (scaled) height, so two lines make it taller.
 */
const LINE = 1.35
function growsWithLines(rule: Rule): void {
  const decls = rule.nodes.filter((n): n is Declaration => n.type === 'decl')
  const height = decls.find((d) => d.prop === 'height')
  const line = decls.find((d) => d.prop === 'line-height')
  if (!height || !line || height.value !== line.value || !rpx.test(height.value)) return
  const half = `calc((${times(height.value)} - ${LINE}em) / 2)`
  height.value = 'auto'
  line.value = String(LINE)
  rule.append({ prop: 'padding-top', value: half }, { prop: 'padding-bottom', value: half })
}

export function scaleWxss(css: string): string {
  const root = postcss.parse(css)
  root.walkRules(growsWithLines)
  root.walkDecls(scaleDecl)
  return root.toString()
}

/** a page template (Taro's `<import base.wxml/><template is="taro_tmpl" …>`) with the page-meta first */
export function withPageMeta(wxml: string): string {
  if (wxml.includes('<page-meta')) return wxml
  return `<page-meta page-style="{{${ELDER_DATA_KEY}}}"></page-meta>\n${wxml}`
}

/** the webpack step: after Taro has written the templates and converted every style to rpx */
export class WeappElderPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('WeappElderPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'WeappElderPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT + 1 }, (assets) => {
        const appJson = assets['app.json']
        const app = appJson ? JSON.parse(appJson.source().toString()) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] } : { pages: [] }
        const pages = new Set([...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))])
        for (const name of Object.keys(assets)) {
          const text = () => assets[name].source().toString()
          if (name.endsWith('.wxss')) compilation.updateAsset(name, new sources.RawSource(scaleWxss(text())))
          else if (name.endsWith('.wxml') && pages.has(name.replace(/\.wxml$/, ''))) compilation.updateAsset(name, new sources.RawSource(withPageMeta(text())))
        }
      })
    })
  }
}
