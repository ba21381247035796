// Writes the API document the server serves at /docs/json to the file named first (used by lint-openapi.mjs).
import fs from 'node:fs'
import { buildApp } from '../server/src/app'
import { ConfigSchema } from '../server/src/config'
import { openDatabase } from '../server/src/db/db'

async function main() {
  const database = await openDatabase({ dataDir: 'memory://' })
  const config = ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent' })
  const app = await buildApp({ config, database, jwtSecret: 'openapi-document-'.padEnd(48, 'x') })
  try {
    await app.ready()
    const res = await app.inject({ method: 'GET', url: '/docs/json' })
    if (res.statusCode !== 200) throw new Error(`/docs/json answered ${res.statusCode}: ${res.body.slice(0, 500)}`)
    fs.writeFileSync(process.argv[2], JSON.stringify(res.json(), null, 2))
    console.log(`OpenAPI document: ${Object.keys(res.json().paths).length} paths, ${(res.body.length / 1024).toFixed(0)} KB (compact JSON)`)
  } finally {
    await app.close()
    await database.close()
  }
}
main().catch((err) => { console.error(err); process.exit(1) })
