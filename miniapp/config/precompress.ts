import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { promisify } from 'node:util'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** What is worth compressing: text assets above one TCP packet. */
const TEXT = /\.(js|css|html|svg|json|txt)$/
const MIN_BYTES = 1024

/**
 * H5 build: writes `name.br` and `name.gz` beside each emitted text asset, at the highest
 * settings (done once per build, not per request), so the server sends them as they are
 * (@fastify/static `preCompressed`). A file that compresses to no gain gets none.
 */
export class PrecompressPlugin {
  apply(compiler: { hooks: { afterEmit: { tapPromise(name: string, fn: (c: any) => Promise<void>): void } } }) {
    compiler.hooks.afterEmit.tapPromise('PrecompressPlugin', async (compilation) => {
      const outDir: string = compilation.outputOptions.path
      const names = (compilation.getAssets() as { name: string }[]).map((a) => a.name).filter((n) => TEXT.test(n))
      await Promise.all(names.map(async (name) => {
        const file = path.join(outDir, name)
        const raw = await fs.promises.readFile(file).catch(() => null)
        if (!raw || raw.length < MIN_BYTES) return
        const [br, gz] = await Promise.all([
          brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
          gzip(raw, { level: 9 }),
        ])
        if (br.length < raw.length) await fs.promises.writeFile(`${file}.br`, br)
        if (gz.length < raw.length) await fs.promises.writeFile(`${file}.gz`, gz)
      }))
    })
  }
}
