import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/src/app'
import { ConfigSchema } from '../../server/src/config'
import type { Database } from '../../server/src/db/db'
import { fixedClock } from '../../server/src/lib/clock'
import { createTestDatabase } from './test-db'

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789'

export interface TestApp {
  app: FastifyInstance
  database: Database
  clock: ReturnType<typeof fixedClock>
  close(): Promise<void>
}

/** The real app on a real, fresh database, with a clock the test moves. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase()
  const clock = fixedClock('2026-11-23T09:00:00+08:00')
  const config = ConfigSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent', ...env })
  const app = await buildApp({ config, database, clock, jwtSecret: TEST_JWT_SECRET })
  await app.ready()
  return { app, database, clock, async close() { await app.close(); await database.close() } }
}
