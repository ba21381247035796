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
 * Signed in, it also starts that page's first API calls (`calls`, GETs) with the stored token,
 * so the answers travel while the scripts do; the app takes them over (src/api/early.ts). A call
 * may name a field of the /me answer, e.g. `{community.id}`: it starts as soon as /me answers
 * (the 公示 tab's posts), skipped when the field is empty.
 */
export function preloadScript(map: Record<string, string[]>, home: string, calls: Record<string, string[]> = {}): string {
  return `!function(m,c){var p=location.hash.replace(/^#\\/?/,'').split('?')[0]||${JSON.stringify(home)};` +
    `(m[p]||[]).forEach(function(u){var l=document.createElement('link');l.rel='preload';` +
    `l.as=/\\.css$/.test(u)?'style':'script';l.href=u;document.head.appendChild(l)});` +
    `try{var t=JSON.parse(localStorage.getItem('linli.tokens')||'null'),a=t&&t.data&&t.data.accessToken,e=[],me;` +
    `if(!a||!window.fetch)return;window.__linliEarly=e;` +
    `function get(u){var r=fetch(u,{headers:{Authorization:'Bearer '+a}}).then(function(r){return r.text().then(function(d){return{statusCode:r.status,data:d}})});` +
    `e.push({url:u,token:a,res:r,at:Date.now()});return r}` +
    `(c[p]||[]).forEach(function(u){if(u.indexOf('{')<0){var r=get(u);if(u==='/api/v1/me')me=r;return}` +
    `me&&me.then(function(r){var d=JSON.parse(r.data),ok=r.statusCode===200,v=u.replace(/\\{([\\w.]+)\\}/g,function(x,k){` +
    `var o=d;k.split('.').forEach(function(f){o=o==null?o:o[f]});if(o==null||o==='')ok=false;return encodeURIComponent(String(o))});if(ok)get(v)}).catch(function(){})})` +
    `}catch(x){}}(${JSON.stringify(map)},${JSON.stringify(calls)})`
}

export class PagePreloadPlugin {
  constructor(private readonly home: string, private readonly calls: Record<string, string[]> = {}) {}
  apply(compiler: any) {
    compiler.hooks.compilation.tap('PagePreloadPlugin', (compilation: any) => {
      // the HtmlWebpackPlugin instance Taro configured (its hooks belong to its own copy of the class)
      const html = compiler.options.plugins.find((p: any) => p?.constructor?.name === 'HtmlWebpackPlugin')
      if (!html) return
      html.constructor.getHooks(compilation).alterAssetTagGroups.tap('PagePreloadPlugin', (data: any) => {
        const publicPath = compilation.outputOptions.publicPath === 'auto' ? '/' : String(compilation.outputOptions.publicPath ?? '/')
        const map = pageChunkMap(compilation.chunkGroups, publicPath)
        data.headTags.unshift({ tagName: 'script', voidTag: false, meta: { plugin: 'PagePreloadPlugin' }, attributes: {}, innerHTML: preloadScript(map, this.home, this.calls) })
        // the app's own scripts as urgent as the page's preloaded chunks: a deferred script is
        // fetched at low priority, and Chrome held app.js back behind the preloads (~0.8 s later)
        for (const tag of data.headTags) if (tag.tagName === 'script' && tag.attributes?.src) tag.attributes.fetchpriority = 'high'
        return data
      })
    })
  }
}
