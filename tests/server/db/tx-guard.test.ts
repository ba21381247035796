import { sql } from 'drizzle-orm'
import { buildTestApp, type TestApp } from '../../helpers/build-app'
import { guardModeFor, RootHandleInTransactionError } from '../../../server/src/db/tx-guard'
import { units } from '../../../server/src/modules/org/org.tables'

// Runs on the database of the run (PGlite, or PostgreSQL with DATABASE_URL): the guard throws on
// both, so the PostgreSQL run catches what would wait forever on PGlite's one connection.
let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => { await t.close() })

const rootUses: [string, () => Promise<unknown>][] = [
  ['select', async () => t.database.db.select().from(units).limit(1)],
  ['insert', async () => t.database.db.insert(units).values({ name: 'x', kind: 'community', path: 'x', level: 0 } as never)],
  ['update', async () => t.database.db.update(units).set({ name: 'y' }).where(sql`false`)],
  ['delete', async () => t.database.db.delete(units).where(sql`false`)],
  ['execute', async () => t.database.db.execute(sql`select 1`)],
  ['query', async () => (t.database.db.query as Record<string, { findFirst(): Promise<unknown> }>).units.findFirst()],
  ['transaction', async () => t.database.db.transaction(async (tx) => tx.execute(sql`select 1`))],
]

describe(`the root handle inside a transaction (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it.each(rootUses)('db.%s inside db.transaction throws, naming the root handle and the transaction', async (_what, use) => {
    let thrown: unknown
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`)
      try { await use() } catch (err) { thrown = err }
      // the transaction's own handle still works after the refusal
      await tx.execute(sql`select 1`)
    })
    expect(thrown).toBeInstanceOf(RootHandleInTransactionError)
    expect((thrown as Error).message).toMatch(/root database handle .* inside an open transaction/)
  })

  it('helpers called from the transaction (several awaits deep, in Promise.all) are caught too', async () => {
    const helper = async () => { await Promise.resolve(); return t.database.db.select().from(units).limit(1) }
    await expect(t.database.db.transaction(async (tx) => {
      await Promise.all([tx.execute(sql`select 1`), helper()])
    })).rejects.toBeInstanceOf(RootHandleInTransactionError)
  })

  it('after commit and after rollback the root handle works again, also in work the transaction left running', async () => {
    let leftRunning: Promise<unknown> | undefined
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`)
      leftRunning = new Promise((r) => setTimeout(r, 20)).then(() => t.database.db.select().from(units).limit(1))
    })
    await expect(leftRunning).resolves.toBeDefined()
    await expect(t.database.db.transaction(async () => { throw new Error('rolled back') })).rejects.toThrow('rolled back')
    await expect(t.database.db.execute(sql`select 1`)).resolves.toBeDefined()
  })

  it('requests outside the transaction are not affected while one is open', async () => {
    let release!: () => void
    const held = new Promise<void>((r) => { release = r })
    let insideOpen = false
    const tx = t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`)
      insideOpen = true
      await held
    })
    while (!insideOpen) await new Promise((r) => setTimeout(r, 1))
    // concurrent root-handle work from other async contexts: on PostgreSQL it runs at once, on
    // PGlite it queues for the connection; neither is refused
    const others = Promise.all([
      t.app.inject({ method: 'GET', url: '/healthz' }),
      t.app.inject({ method: 'GET', url: '/api/v1/report-categories' }),
      t.database.db.select().from(units).limit(1),
    ])
    setTimeout(release, 50)
    const [health, categories] = await others
    await tx
    expect(health.statusCode).toBe(200)
    expect(categories.statusCode).not.toBe(500)
  })

  it('production on PostgreSQL logs instead of throwing; PGlite always throws (it would hang)', () => {
    expect(guardModeFor('pg', 'production')).toBe('log')
    expect(guardModeFor('pglite', 'production')).toBe('throw')
    expect(guardModeFor('pg', 'development')).toBe('throw')
    expect(guardModeFor('pg', 'test')).toBe('throw')
  })
})
