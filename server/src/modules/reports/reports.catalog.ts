import { asc } from 'drizzle-orm'
import type { CategorySetting } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import { reportCategories, reportCategorySettings } from './reports.tables'

export type EffectiveCategory = CategorySetting & { sort: number }

/**
 * The categories each community offers, with its own settings applied. Read on every create,
 * transition and feed page, changed rarely (an admin's edit): kept in memory for a short while.
 * An edit through this process takes effect at once; other processes see it within `ttlMs`.
 */
export function createCategoryCatalog(db: DbOrTx, ttlMs = 30_000) {
  let cached: { at: number; data: Promise<Awaited<ReturnType<typeof load>>> } | null = null
  async function load() {
    const [base, settings] = await Promise.all([
      db.select().from(reportCategories).orderBy(asc(reportCategories.sort), asc(reportCategories.code)),
      db.select().from(reportCategorySettings),
    ])
    return { base, settings: new Map(settings.map((s) => [`${s.communityId}:${s.code}`, s])) }
  }
  function data() {
    if (!cached || Date.now() - cached.at > ttlMs) {
      const entry = { at: Date.now(), data: load() }
      entry.data.catch(() => { if (cached === entry) cached = null })
      cached = entry
    }
    return cached.data
  }

  /** Every category a community has (inactive too); the defaults as they are when `communityId` is null. */
  async function forCommunity(communityId: string | null): Promise<EffectiveCategory[]> {
    const { base, settings } = await data()
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
    async find(communityId: string | null, code: string) {
      return (await forCommunity(communityId)).find((c) => c.code === code)
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
