import { sql } from 'drizzle-orm'
import { anyOf } from '../../../server/src/lib/pg-array'
import { buildTestApp, type TestApp } from '../../helpers/build-app'

// anyOf sends a whole list as one array parameter: every value must arrive as itself
let t: TestApp
beforeAll(async () => { t = await buildTestApp() })
afterAll(async () => t.close())

const rowsOf = (res: unknown) => ((res as { rows?: { x: string }[] }).rows ?? (res as { x: string }[])).map((r) => r.x)

describe('anyOf (one array parameter instead of one per value)', () => {
  it('matches texts with quotes, backslashes, commas, braces and spaces exactly, and nothing else', async () => {
    const odd = ['a"b', 'c\\d', 'e,f', '{g}', ' h ', 'NULL', '']
    const values = [...odd, 'plain', 'not asked']
    const res = await t.database.db.execute(sql`SELECT x FROM unnest(${`{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`}::text[]) AS v(x)
      WHERE ${anyOf(sql`x`, [...odd, 'plain'], 'text')} ORDER BY x COLLATE "C"`)
    expect(rowsOf(res)).toEqual([...odd, 'plain'].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })

  it('finds users by id through one parameter, however many are asked', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
    const res = await t.database.db.execute(sql`SELECT count(*)::int AS x FROM unnest(${`{${ids.join(',')}}`}::uuid[]) AS v(id) WHERE ${anyOf(sql`id`, ids.slice(0, 250), 'uuid')}`)
    expect(Number(rowsOf(res)[0])).toBe(250)
  })
})
