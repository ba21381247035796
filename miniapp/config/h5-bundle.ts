import fs from 'node:fs'
import path from 'node:path'
import { PagePreloadPlugin } from './page-preload'
import { PrecompressPlugin } from './precompress'

/** Taro's router (only) gets lazy-tabbar.js for the components library it imports its tab bar from. */
class LazyTabbarPlugin {
  apply(compiler: any) {
    new compiler.webpack.NormalModuleReplacementPlugin(/^@tarojs\/components\/dist\/components$/, (resource: { context?: string; request: string }) => {
      if (/@tarojs[\\/]router[\\/]/.test(resource.context ?? '')) resource.request = path.join(__dirname, 'lazy-tabbar.js')
    }).apply(compiler)
  }
}

/**
 * The H5 build's bundle (production): Taro loads each page with import(), but its own split
 * rules only apply to the initial chunks, so code that several pages share was copied into each
 * page's chunk, and everything the app shell imports went into app.js. Here:
 * - shared chunks for async pages too (`chunks: 'all'`), Taro's runtime in a chunk of its own;
 * - the contract (shared/src) is free of side effects, so app.js keeps only the schemas it uses
 *   and each page's chunk the ones that page uses;
 * - index.html preloads the chunks of the page in the URL (page-preload.ts);
 * - every text asset precompressed (brotli + gzip) for the server to send as it is;
 * - Taro's tab bar (a Stencil web component) loaded beside the first page, not before it
 *   (lazy-tabbar.js).
 * H5_STATS=<file> writes webpack's module stats there (to see what a chunk holds).
 */
export function h5Bundle(chain: any, sharedSrc: string) {
  if (process.env.NODE_ENV !== 'production') return
  chain.module.rule('shared-contract-pure').test((file: string) => file.startsWith(sharedSrc)).sideEffects(false)
  chain.optimization.splitChunks({
    chunks: 'all',
    minSize: 20_000,
    maxAsyncRequests: 30,
    maxInitialRequests: 30,
    hidePathInfo: true,
    cacheGroups: {
      default: { minChunks: 2, priority: -20, reuseExistingChunk: true },
      defaultVendors: { test: /[\\/]node_modules[\\/]/, priority: -10, reuseExistingChunk: true },
      taro: { test: (module: { context?: string }) => /@tarojs[\\/][a-z]+/.test(module.context ?? ''), chunks: 'initial', priority: 100, reuseExistingChunk: true },
    },
  })
  // each tab's first API calls (what its first render waits for), started by index.html itself:
  // 议事 also its two poll lists, 公示 its community's posts as soon as /me names the community,
  // 我的 the unread count and points balance it shows
  const me = '/api/v1/me'
  chain.plugin('page-preload').use(PagePreloadPlugin, ['pages/index/index', {
    'pages/index/index': ['/api/v1/home'], 'pages/report/index': [me],
    'pages/mine/index': [me, '/api/v1/me/notifications/unread-count', '/api/v1/me/points'],
    'pages/deliberation/index': [me, '/api/v1/polls?limit=20&status=open', '/api/v1/polls?limit=10&status=closed'],
    'pages/board/index': [me, '/api/v1/board/posts?unitId={community.id}&limit=30'],
  }])
  chain.plugin('precompress').use(PrecompressPlugin)
  chain.plugin('lazy-tabbar').use(LazyTabbarPlugin)
  // Taro's request API imports the fetch polyfill; every browser we build for has fetch, and
  // evaluating the polyfill's feature tests took ~25 ms of a slow phone's start
  chain.resolve.alias.set('whatwg-fetch$', path.join(__dirname, 'no-fetch-polyfill.js'))
  const statsFile = process.env.H5_STATS
  if (statsFile) {
    chain.plugin('stats-file').use(class {
      apply(compiler: any) {
        compiler.hooks.done.tap('StatsFile', (stats: any) => {
          fs.mkdirSync(path.dirname(statsFile), { recursive: true })
          fs.writeFileSync(statsFile, JSON.stringify(stats.toJson({ all: false, chunks: true, chunkModules: true, dependentModules: true, nestedModules: true, chunkModulesSpace: Infinity, nestedModulesSpace: Infinity, ids: true })))
        })
      }
    })
  }
}
