/**
 * H5 build: without help the phone fetches the HTML, then app.js, and only when app.js runs does
 * it learn which chunks the page at the URL needs (a third round trip before the page's first
 * API call). This plugin puts a small inline script into index.html's <head>: it reads the page
 * from the hash route and preloads that page's chunks (JS and CSS) at once, beside app.js.
 * The map (page -> files) is taken from webpack's chunk graph, so it follows every build.
 */
type Group = { chunks: { files: Iterable<string>; canBeInitial(): boolean }[]; origins: { request?: string }[] }

const PAGE = /(?:^|\/)((?:pages|packages\/[\w-]+\/pages)\/[\w-]+\/index)(?:\.tsx?)?$/

export function pageChunkMap(groups: Iterable<Group>, publicPath: string): Record<string, string[]> {
  const map: Record<string, string[]> = {}
  for (const g of groups) {
    for (const o of g.origins) {
      const page = PAGE.exec(o.request ?? '')?.[1]
      if (!page) continue
      const files = g.chunks.filter((c) => !c.canBeInitial()).flatMap((c) => [...c.files])
        .filter((f) => /\.(js|css)$/.test(f)).map((f) => publicPath + f)
      map[page] = [...new Set([...(map[page] ?? []), ...files])]
    }
  }
  return map
}

/**
 * The inline script: the first page is the hash route's, or the first tab when there is none.
 * Signed in, it also starts that page's first API call (`firstCall`, a GET) with the stored token,
 * so the answer travels while the scripts do; the app takes it over (src/api/early.ts).
 */
export function preloadScript(map: Record<string, string[]>, home: string, firstCall: Record<string, string> = {}): string {
  return `!function(m,c){var p=location.hash.replace(/^#\\/?/,'').split('?')[0]||${JSON.stringify(home)};` +
    `(m[p]||[]).forEach(function(u){var l=document.createElement('link');l.rel='preload';` +
    `l.as=/\\.css$/.test(u)?'style':'script';l.href=u;document.head.appendChild(l)});` +
    `try{var t=JSON.parse(localStorage.getItem('linli.tokens')||'null'),a=t&&t.data&&t.data.accessToken,u=c[p];` +
    `if(a&&u&&window.fetch)window.__linliEarly={url:u,token:a,res:fetch(u,{headers:{Authorization:'Bearer '+a}})` +
    `.then(function(r){return r.text().then(function(d){return{statusCode:r.status,data:d}})})}}catch(e){}` +
    `}(${JSON.stringify(map)},${JSON.stringify(firstCall)})`
}

export class PagePreloadPlugin {
  constructor(private readonly home: string, private readonly firstCall: Record<string, string> = {}) {}
  apply(compiler: any) {
    compiler.hooks.compilation.tap('PagePreloadPlugin', (compilation: any) => {
      // the HtmlWebpackPlugin instance Taro configured (its hooks belong to its own copy of the class)
      const html = compiler.options.plugins.find((p: any) => p?.constructor?.name === 'HtmlWebpackPlugin')
      if (!html) return
      html.constructor.getHooks(compilation).alterAssetTagGroups.tap('PagePreloadPlugin', (data: any) => {
        const publicPath = compilation.outputOptions.publicPath === 'auto' ? '/' : String(compilation.outputOptions.publicPath ?? '/')
        const map = pageChunkMap(compilation.chunkGroups, publicPath)
        data.headTags.unshift({ tagName: 'script', voidTag: false, meta: { plugin: 'PagePreloadPlugin' }, attributes: {}, innerHTML: preloadScript(map, this.home, this.firstCall) })
        return data
      })
    })
  }
}
