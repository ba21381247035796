import { asc } from 'drizzle-orm'
import type { CategorySetting } from '@linli/shared'
import type { Db, Tx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { reportCategories, reportCategorySettings } from './reports.tables'

export type EffectiveCategory = CategorySetting & { sort: number }

/**
 * The categories each community offers, with its own settings applied. Read on every create,
 * transition and feed page, changed rarely (an admin's edit): kept in memory for a short while.
 * An edit through this process takes effect at once; other processes see it within `ttlMs`.
 *
 * Inside a transaction pass its handle (`tx`): a reload then reads through it. The root handle
 * would wait forever there on PGlite, whose one connection the transaction holds; so would
 * waiting for a reload another request started through the root handle.
 */
export function createCategoryCatalog(db: Db, clock: Clock, ttlMs = 30_000) {
  type Data = Awaited<ReturnType<typeof load>>
  let cached: { at: number; ready: boolean; data: Promise<Data> } | null = null
  async function load(db: Db | Tx) {
    const [base, settings] = await Promise.all([
      db.select().from(reportCategories).orderBy(asc(reportCategories.sort), asc(reportCategories.code)),
      db.select().from(reportCategorySettings),
    ])
    return { base, settings: new Map(settings.map((s) => [`${s.communityId}:${s.code}`, s])) }
  }
  function data(tx?: Tx): Promise<Data> {
    const now = clock.now().getTime()
    const fresh = cached !== null && now - cached.at <= ttlMs
    if (cached && fresh && (cached.ready || !tx)) return cached.data
    const entry = { at: now, ready: false, data: load(tx ?? db) }
    entry.data.then(() => { entry.ready = true }, () => { if (cached === entry) cached = null })
    if (!fresh) cached = entry
    return entry.data
  }

  /** Every category a community has (inactive too); the defaults as they are when `communityId` is null. */
  async function forCommunity(communityId: string | null, tx?: Tx): Promise<EffectiveCategory[]> {
    const { base, settings } = await data(tx)
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
      for (const id of new Set(communityIds)) out.set(id, new Map((await forCommunity(id)).map((c) => [c.code, c.name])))
      return out
    },
    invalidate() { cached = null },
  }
}
export type CategoryCatalog = ReturnType<typeof createCategoryCatalog>
