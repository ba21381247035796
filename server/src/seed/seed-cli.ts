import path from 'node:path'
import { loadConfig } from '../config'
import { openDatabase } from '../db/db'
import { seedDemo } from './demo'

async function main() {
  const config = loadConfig()
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.DATA_DIR, 'pglite') })
  const result = await seedDemo(database.db)
  console.log(result.created ? `demo data loaded: ${result.households} households` : 'database already has data; nothing loaded')
  await database.close()
}
main().catch((err) => { console.error(err); process.exit(1) })
