import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { h5Bundle } from './h5-bundle'
import { weappApiBase, weappTranspiledPackages } from './weapp-release'
import { WeappElderPlugin } from './weapp-elder'

// The API base URL is baked in at build time (defineConstants -> global API_BASE).
// H5 is served by the API server itself, so '' (same origin) is the default there;
// a weapp build talks to a host, 127.0.0.1:3000 in development.
//   TARO_APP_API_BASE=https://api.example.cn pnpm build:weapp
const isWeapp = process.env.TARO_ENV === 'weapp'
// A production weapp build refuses a 127.0.0.1/localhost or non-https base (config/weapp-release.ts).
const API_BASE = isWeapp ? weappApiBase(process.env) : (process.env.TARO_APP_API_BASE ?? '')
// Dev login (POST /auth/dev) is offered in H5 builds unless switched off for production.
const DEV_LOGIN = process.env.TARO_APP_DEV_LOGIN ?? (isWeapp ? '0' : '1')

const sharedSrc = path.resolve(__dirname, '../../shared/src')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli-miniapp',
    date: '2026-11-23',
    // NutUI's CSS is drawn at 375 wide, ours at 750: each file is converted at its own width
    designWidth: (input?: unknown) => (String((input as { file?: string } | undefined)?.file ?? '').replace(/\\+/g, '/').includes('@nutui') ? 375 : 750),
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // E2E_H5_OUT lets two e2e runs on one checkout build to separate folders
    // (WEAPP_OUT likewise for weapp builds of the weapp-runtime test)
    outputRoot: process.env.TARO_ENV === 'h5' && process.env.E2E_H5_OUT ? process.env.E2E_H5_OUT
      : isWeapp && process.env.WEAPP_OUT ? process.env.WEAPP_OUT : `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(API_BASE),
      DEV_LOGIN: JSON.stringify(DEV_LOGIN === '1'),
    },
    alias: {
      // the workspace contract is TypeScript source; point straight at it so it is compiled
      '@linli/shared': path.join(sharedSrc, 'index.ts'),
    },
    // compile the shared TypeScript source (outside src/) with the app's babel config
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    // sitemap.json (weapp only): which pages WeChat search may index (app.config.ts sitemapLocation)
    copy: { patterns: isWeapp ? [{ from: 'src/sitemap.json', to: `${process.env.WEAPP_OUT || 'dist/weapp'}/sitemap.json` }] : [], options: {} },
    framework: 'react',
    cache: { enable: process.env.TARO_CACHE === '1' },
    mini: {
      compile: { include: [sharedSrc, ...weappTranspiledPackages] },
      // NutUI's per-component CSS is imported page by page in different orders; its rules are all
      // prefixed (.nut-*), so the order between them does not matter (same as h5 below)
      miniCssExtractPluginOption: { ignoreOrder: true },
      // 长辈模式: page-meta on every page and the rpx sizes people read and tap x --text-scale
      webpackChain: (chain) => { if (isWeapp) chain.plugin('weapp-elder').use(WeappElderPlugin) },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // the API server serves dist/h5 at '/': hash routing needs no index.html fallback
      router: { mode: 'hash' },
      // real <button>/<input> elements instead of web components: accessible and smaller
      useHtmlComponents: true,
      compile: { include: [sharedSrc] },
      devServer: { host: '127.0.0.1', port: 10086 },
      // split chunks for lazy pages, a side-effect-free contract, precompressed assets (h5-bundle.ts)
      webpackChain: (chain) => h5Bundle(chain, sharedSrc),
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return merge({}, baseConfig, {})
})
