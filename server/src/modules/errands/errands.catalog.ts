import { and, asc, eq } from 'drizzle-orm'
import { DEFAULT_ERRAND_TYPES, ERRAND_LIMITS, type ErrandType } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { notFound } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { findUnit, grantsOf } from '../org/org.repository'
import { forbidden } from '../../lib/errors'
import { ErrandErrors } from './errands.errors'
import { can } from './errands.policy'
import { errandSettings, errandTypes } from './errands.tables'

type TypeRow = typeof errandTypes.$inferSelect
export const presentType = (t: TypeRow): ErrandType => ({
  id: t.id, code: t.code, name: t.name, checklist: t.checklist, steps: t.steps, office: t.office, limitWorkdays: t.limitWorkdays, active: t.active,
})

/** A community's catalogue, with the shipped defaults copied in the first time it is read. */
export async function typesOf(db: DbOrTx, communityId: string, now: Date): Promise<TypeRow[]> {
  const rows = await db.select().from(errandTypes).where(eq(errandTypes.communityId, communityId)).orderBy(asc(errandTypes.sort), asc(errandTypes.createdAt))
  if (rows.some((r) => r.code !== null)) return rows
  await db.insert(errandTypes).values(DEFAULT_ERRAND_TYPES.map((d, i) => ({ ...d, communityId, sort: i, createdAt: now, updatedAt: now })))
    .onConflictDoNothing() // two first readers at once: one copy
  return db.select().from(errandTypes).where(eq(errandTypes.communityId, communityId)).orderBy(asc(errandTypes.sort), asc(errandTypes.createdAt))
}

export async function photoRetentionDays(db: DbOrTx, communityId: string): Promise<number> {
  const [row] = await db.select().from(errandSettings).where(eq(errandSettings.communityId, communityId))
  return row?.photoRetentionDays ?? ERRAND_LIMITS.defaultPhotoRetentionDays
}

const mapNameTaken = (err: unknown) => {
  const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code
  if (code === '23505') throw ErrandErrors.typeNameTaken()
  throw err
}

/** The catalogue and the retention setting: read by anyone signed in, changed by the community's admin. */
export function createErrandCatalog(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  async function communityOf(unitId: string) {
    const unit = await findUnit(db, unitId)
    if (!unit?.communityId) throw notFound('单元')
    const community = unit.communityId === unit.id ? unit : await findUnit(db, unit.communityId)
    return community!
  }
  async function assertAdmin(actor: Actor, unitPath: string) {
    if (!can({ ...actor, grants: await grantsOf(db, actor.userId) }, 'errand_type.manage', unitPath)) throw forbidden('只有本社区管理员可以修改代办事项目录')
  }

  return {
    communityOf,
    async list(actor: Actor, unitId: string, all: boolean) {
      const community = await communityOf(unitId)
      if (all) await assertAdmin(actor, community.path)
      const rows = await typesOf(db, community.id, clock.now())
      return { items: rows.filter((r) => all || r.active).map(presentType) }
    },

    async create(actor: Actor, unitId: string, body: { name: string; checklist: string[]; steps: string[]; office: string; limitWorkdays: number }) {
      const community = await communityOf(unitId)
      await assertAdmin(actor, community.path)
      const now = clock.now()
      await typesOf(db, community.id, now) // the defaults first, so the community's own types follow them
      const row = await db.transaction(async (tx) => {
        const [r] = await tx.insert(errandTypes).values({ ...body, communityId: community.id, sort: 100, updatedBy: actor.userId, createdAt: now, updatedAt: now }).returning()
        await writeAudit(tx, { actorId: actor.userId, action: 'errand_type.create', entity: 'errand_type', entityId: r.id, communityId: community.id, after: r })
        return r
      }).catch(mapNameTaken)
      return presentType(row)
    },

    async update(actor: Actor, id: string, patch: Partial<{ name: string; checklist: string[]; steps: string[]; office: string; limitWorkdays: number; active: boolean }>) {
      const [before] = await db.select().from(errandTypes).where(eq(errandTypes.id, id))
      if (!before) throw notFound('代办事项类别')
      const community = await communityOf(before.communityId)
      await assertAdmin(actor, community.path)
      const row = await db.transaction(async (tx) => {
        const [r] = await tx.update(errandTypes).set({ ...patch, updatedBy: actor.userId, updatedAt: clock.now() }).where(and(eq(errandTypes.id, id))).returning()
        await writeAudit(tx, { actorId: actor.userId, action: 'errand_type.update', entity: 'errand_type', entityId: id, communityId: community.id, before, after: r })
        return r
      }).catch(mapNameTaken)
      return presentType(row)
    },

    async settings(actor: Actor, unitId: string) {
      const community = await communityOf(unitId)
      await assertAdmin(actor, community.path)
      return { photoRetentionDays: await photoRetentionDays(db, community.id) }
    },

    async updateSettings(actor: Actor, unitId: string, body: { photoRetentionDays: number }) {
      const community = await communityOf(unitId)
      await assertAdmin(actor, community.path)
      const values = { communityId: community.id, photoRetentionDays: body.photoRetentionDays, updatedBy: actor.userId, updatedAt: clock.now() }
      await db.transaction(async (tx) => {
        await tx.insert(errandSettings).values(values).onConflictDoUpdate({ target: errandSettings.communityId, set: values })
        await writeAudit(tx, { actorId: actor.userId, action: 'errand_settings.update', entity: 'unit', entityId: community.id, communityId: community.id, after: body })
      })
      return body
    },
  }
}
export type ErrandCatalog = ReturnType<typeof createErrandCatalog>
