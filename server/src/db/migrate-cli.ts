import path from 'node:path'
import { loadConfig } from '../config'
import { openDatabase } from './db'

async function main() {
  const config = loadConfig()
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.DATA_DIR, "pglite") })
  console.log(`migrations applied (${database.driver})`)
  await database.close()
}
main().catch((err) => { console.error(err); process.exit(1) })
