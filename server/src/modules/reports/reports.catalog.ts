import { asc, eq } from 'drizzle-orm'
import type { CategorySetting } from '@linli/shared'
import type { Db, Tx } from '../../db/db'
import { cacheVersions } from '../../db/coordination.tables'
import { reportCategories, reportCategorySettings } from './reports.tables'

export type EffectiveCategory = CategorySetting & { sort: number }

/**
 * The categories each community offers, with its own settings applied. Read on every create,
 * transition and feed page, changed rarely (an admin's edit): kept in memory while the
 * database's version of them (cache_versions 'report_categories', bumped by a trigger in the
 * edit's own transaction) stays the same. One primary-key read per use, and an edit through any
 * server process is seen by every process on its next request (WORKERS=n, several hosts).
 *
 * Inside a transaction pass its handle (`tx`): the version check and a reload then read through
 * it. The root handle would wait forever there on PGlite, whose one connection the transaction
 * holds; so would waiting for a reload another request started through the root handle.
 */
export function createCategoryCatalog(db: Db) {
  type Data = Awaited<ReturnType<typeof load>>
  let cached: { version: number; ready: boolean; data: Promise<Data> } | null = null
  async function load(db: Db | Tx) {
    const [base, settings] = await Promise.all([
      db.select().from(reportCategories).orderBy(asc(reportCategories.sort), asc(reportCategories.code)),
      db.select().from(reportCategorySettings),
    ])
    return { base, settings: new Map(settings.map((s) => [`${s.communityId}:${s.code}`, s])) }
  }
  async function currentVersion(db: Db | Tx): Promise<number> {
    // read before the data: an edit committed in between makes the next request reload again, never miss it
    const [row] = await db.select({ version: cacheVersions.version }).from(cacheVersions).where(eq(cacheVersions.name, 'report_categories'))
    return Number(row?.version ?? 0)
  }
  async function data(tx?: Tx): Promise<Data> {
    const version = await currentVersion(tx ?? db)
    const current = cached !== null && cached.version === version
    if (cached && current && (cached.ready || !tx)) return cached.data
    const entry = { version, ready: false, data: load(tx ?? db) }
    entry.data.then(() => { entry.ready = true }, () => { if (cached === entry) cached = null })
    if (!current) cached = entry
    return entry.data
  }

  /** Every category a community has (inactive too); the defaults as they are when `communityId` is null. */
  async function forCommunity(communityId: string | null, tx?: Tx): Promise<EffectiveCategory[]> {
    return effective(await data(tx), communityId)
  }
  function effective({ base, settings }: Data, communityId: string | null): EffectiveCategory[] {
    return base.filter((c) => c.communityId === null || c.communityId === communityId).map((c) => {
      const s = communityId ? settings.get(`${communityId}:${c.code}`) : undefined
      return {
        code: c.code, name: s?.name ?? c.name, acceptHours: s?.acceptHours ?? c.acceptHours, resolveDays: s?.resolveDays ?? c.resolveDays,
        active: s?.active ?? true, custom: c.communityId !== null, sort: c.sort,
      }
    })
  }

  return {
    forCommunity,
    async find(communityId: string | null, code: string, tx?: Tx) {
      return (await forCommunity(communityId, tx)).find((c) => c.code === code)
    },
    /** code -> name, per community, for the given communities (a feed page may span several) */
    async names(communityIds: string[]) {
      const out = new Map<string, Map<string, string>>()
      const d = await data() // one version check for the page
      for (const id of new Set(communityIds)) out.set(id, new Map(effective(d, id).map((c) => [c.code, c.name])))
      return out
    },
    invalidate() { cached = null },
  }
}
export type CategoryCatalog = ReturnType<typeof createCategoryCatalog>
