import { randomInt } from 'node:crypto'
import { asc, eq, inArray } from 'drizzle-orm'
import type { CreateCategoryBody, CreateDepartmentBody, UpdateCategoryBody, UpdateDepartmentBody } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { forbidden, notFound } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { grantsOf } from '../org/org.repository'
import { units } from '../org/org.tables'
import type { CategoryCatalog, EffectiveCategory } from './reports.catalog'
import { ReportErrors } from './reports.errors'
import { canConfigure, type ReportActor, type SettingsAction } from './reports.policy'
import { findUnit } from './reports.repository'
import { reportCategories, reportCategorySettings, reportDepartments } from './reports.tables'

type DepartmentRow = typeof reportDepartments.$inferSelect
const present = ({ sort: _sort, ...c }: EffectiveCategory) => c

/** Category codes are made here (the admin names the category, never a code): 'c_' and 12 letters. */
const newCode = () => 'c_' + Array.from({ length: 12 }, () => String.fromCharCode(97 + randomInt(26))).join('')

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } }
  return e?.code === '23505' || e?.cause?.code === '23505'
}

/** 随手拍 configuration by a community's admin: categories with their SLAs, and the department directory. */
export function createReportSettingsService(deps: { db: Db; clock: Clock; catalog: CategoryCatalog }) {
  const { db, clock, catalog } = deps

  /** The community a unit belongs to, and the caller's right to act on it. */
  async function community(actor: Actor, unitId: string, action: SettingsAction, tx: DbOrTx = db) {
    const unit = await findUnit(tx, unitId)
    if (!unit) throw notFound('单元')
    if (!unit.communityId) throw ReportErrors.notInCommunity()
    const c = unit.communityId === unit.id ? unit : await findUnit(tx, unit.communityId)
    if (!c) throw notFound('社区')
    const me: ReportActor = { ...actor, grants: await grantsOf(tx, actor.userId) }
    if (!canConfigure(me, action, { unitPath: c.path })) {
      throw forbidden(action === 'department.read' ? '您没有该社区部门名录的查看权限' : '只有本社区的管理员可以修改上报设置')
    }
    return c
  }

  async function departmentView(tx: DbOrTx, rows: DepartmentRow[]) {
    const names = rows.length ? await tx.select({ id: units.id, name: units.name }).from(units)
      .where(inArray(units.id, rows.map((r) => r.unitId))) : []
    return rows.map((d) => ({
      id: d.id, communityId: d.communityId, name: d.name, unitId: d.unitId, unitName: names.find((n) => n.id === d.unitId)?.name ?? '',
      contact: d.contact, active: d.active,
    }))
  }

  return {
    async categories(actor: Actor, unitId: string) {
      const c = await community(actor, unitId, 'category.manage')
      return { communityId: c.id, items: (await catalog.forCommunity(c.id)).map(present) }
    },

    async createCategory(actor: Actor, body: CreateCategoryBody) {
      const c = await community(actor, body.communityId, 'category.manage')
      const existing = await catalog.forCommunity(c.id)
      if (existing.some((x) => x.name === body.name)) throw ReportErrors.categoryNameTaken()
      const row = await db.transaction(async (tx) => {
        const [created] = await tx.insert(reportCategories).values({
          code: newCode(), name: body.name, acceptHours: body.acceptHours, resolveDays: body.resolveDays,
          sort: Math.max(0, ...existing.map((x) => x.sort)) + 10, communityId: c.id,
        }).returning()
        await writeAudit(tx, { actorId: actor.userId, action: 'report_category.create', entity: 'report_category', entityId: created.code, communityId: c.id, after: created })
        return created
      })
      catalog.invalidate()
      return present((await catalog.find(c.id, row.code))!)
    },

    /** A default category changes for this community only (its settings row); the community's own the same way. */
    async updateCategory(actor: Actor, code: string, body: UpdateCategoryBody) {
      const c = await community(actor, body.communityId, 'category.manage')
      const before = await catalog.find(c.id, code)
      if (!before) throw ReportErrors.categoryNotFound()
      if (body.name && body.name !== before.name && (await catalog.forCommunity(c.id)).some((x) => x.name === body.name)) throw ReportErrors.categoryNameTaken()
      const after = {
        name: body.name ?? before.name, acceptHours: body.acceptHours ?? before.acceptHours,
        resolveDays: body.resolveDays ?? before.resolveDays, active: body.active ?? before.active,
      }
      await db.transaction(async (tx) => {
        await tx.insert(reportCategorySettings).values({ communityId: c.id, code, ...after, updatedBy: actor.userId, updatedAt: clock.now() })
          .onConflictDoUpdate({ target: [reportCategorySettings.communityId, reportCategorySettings.code], set: { ...after, updatedBy: actor.userId, updatedAt: clock.now() } })
        await writeAudit(tx, { actorId: actor.userId, action: 'report_category.update', entity: 'report_category', entityId: code, communityId: c.id, before: present(before), after })
      })
      catalog.invalidate()
      return present((await catalog.find(c.id, code))!)
    },

    async departments(actor: Actor, unitId: string) {
      const c = await community(actor, unitId, 'department.read')
      const rows = await db.select().from(reportDepartments).where(eq(reportDepartments.communityId, c.id))
        .orderBy(asc(reportDepartments.createdAt), asc(reportDepartments.name))
      return { items: await departmentView(db, rows) }
    },

    async createDepartment(actor: Actor, unitId: string, body: CreateDepartmentBody) {
      const c = await community(actor, unitId, 'department.manage')
      if (!await findUnit(db, body.unitId)) throw ReportErrors.departmentUnitNotFound()
      const now = clock.now()
      try {
        const row = await db.transaction(async (tx) => {
          const [d] = await tx.insert(reportDepartments).values({ communityId: c.id, name: body.name, unitId: body.unitId, contact: body.contact || null, createdAt: now, updatedAt: now }).returning()
          await writeAudit(tx, { actorId: actor.userId, action: 'report_department.create', entity: 'report_department', entityId: d.id, communityId: c.id, after: d })
          return d
        })
        return (await departmentView(db, [row]))[0]
      } catch (err) {
        if (isUniqueViolation(err)) throw ReportErrors.departmentNameTaken()
        throw err
      }
    },

    async updateDepartment(actor: Actor, id: string, body: UpdateDepartmentBody) {
      const [current] = await db.select().from(reportDepartments).where(eq(reportDepartments.id, id))
      if (!current) throw ReportErrors.departmentEntryNotFound()
      await community(actor, current.communityId, 'department.manage')
      if (body.unitId && !await findUnit(db, body.unitId)) throw ReportErrors.departmentUnitNotFound()
      const patch = {
        ...(body.name !== undefined ? { name: body.name } : {}), ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
        ...(body.contact !== undefined ? { contact: body.contact || null } : {}), ...(body.active !== undefined ? { active: body.active } : {}),
        updatedAt: clock.now(),
      }
      try {
        const row = await db.transaction(async (tx) => {
          const [d] = await tx.update(reportDepartments).set(patch).where(eq(reportDepartments.id, id)).returning()
          await writeAudit(tx, { actorId: actor.userId, action: 'report_department.update', entity: 'report_department', entityId: id, communityId: current.communityId, before: current, after: d })
          return d
        })
        return (await departmentView(db, [row]))[0]
      } catch (err) {
        if (isUniqueViolation(err)) throw ReportErrors.departmentNameTaken()
        throw err
      }
    },
  }
}
export type ReportSettingsService = ReturnType<typeof createReportSettingsService>
