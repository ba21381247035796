// What a weapp build needs before it may go to real phones.
import { realpathSync } from 'node:fs'
import path from 'node:path'

/**
 * The API base of a weapp build. A production build (NODE_ENV=production) refuses a loopback or
 * non-https base: a phone cannot reach 127.0.0.1, and WeChat only calls https domains listed in
 * the console. TARO_APP_LOCAL_API=1 allows one for local checks and CI (the build then only ever
 * runs in tests and DevTools with 不校验合法域名).
 */
export function weappApiBase(env: NodeJS.ProcessEnv): string {
  const base = env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000'
  if (env.NODE_ENV !== 'production' || env.TARO_APP_LOCAL_API === '1') return base
  let url: URL | null = null
  try { url = new URL(base) } catch { /* reported below */ }
  const local = !url || /^(127\.|localhost$|0\.0\.0\.0$|\[::1\]$)/.test(url.hostname)
  if (local || url!.protocol !== 'https:') {
    throw new Error(
      `weapp production build refused: API base "${base}" ${local ? 'is this machine (127.0.0.1/localhost), which no phone can reach' : 'is not https, which WeChat refuses'}.\n` +
      '  Set the real one:  TARO_APP_API_BASE=https://api.example.cn pnpm build:weapp  (and list it in the WeChat console, see README)\n' +
      '  For a local or CI build only:  TARO_APP_LOCAL_API=1 pnpm build:weapp',
    )
  }
  return base
}

/**
 * Packages in node_modules that ship syntax newer than ES2019 (zod 4: `?.`, `??`): compiled by
 * the app's babel like src/ (babel.config.js sets the weapp targets). `pnpm check:weapp` parses
 * every output file, so a new such dependency fails there and is added here.
 */
export const weappTranspiledPackages: string[] = ['zod'].map((name) =>
  // the real folder (pnpm links it): webpack matches the resolved path, and Taro's config check takes strings only
  realpathSync(path.dirname(require.resolve(`${name}/package.json`, { paths: [__dirname] }))))
