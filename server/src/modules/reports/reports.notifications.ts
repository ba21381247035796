import { and, eq, inArray, max } from 'drizzle-orm'
import type { Role } from '@linli/shared'
import type { Tx } from '../../db/db'
import { chinaTime, notify } from '../notifications/notifications.notify'
import { roleGrants, units } from '../org/org.tables'
import type { ReportRow } from './reports.repository'
import { reportCategories, reportCategorySettings, reportEvents, reports } from './reports.tables'

/**
 * Who hears what about a report, written in the transaction of the change itself.
 *
 * The reporter hears about their own report (anonymous or not: anonymity hides them from
 * others, not from themselves). Staff hear about work that reached them, and never who
 * reported it: their messages name the category and the unit, nothing about the person.
 */

// the mini-program's report detail page (miniapp/src/routes.ts reportDetail); staff open the same page
const detailPage = (reportId: string) => `/packages/reports/pages/detail/index?id=${reportId}`

/** The id of the report's latest event of this action: one occurrence of a repeatable step (resolve, escalate). */
async function lastEventId(tx: Tx, reportId: string, action: string): Promise<number> {
  const [row] = await tx.select({ id: max(reportEvents.id) }).from(reportEvents)
    .where(and(eq(reportEvents.reportId, reportId), eq(reportEvents.action, action)))
  return Number(row?.id ?? 0)
}

/**
 * The holders of one of `roles` nearest to the unit: on the unit itself, else on the closest unit
 * above it that has any (a role reaches every unit below its own).
 */
async function nearestStaff(tx: Tx, unitPath: string, roles: readonly Role[]): Promise<string[]> {
  const chain = unitPath.split('/').filter(Boolean) // the root first, the unit last
  const rows = await tx.select({ userId: roleGrants.userId, unitId: roleGrants.unitId }).from(roleGrants)
    .where(and(inArray(roleGrants.unitId, chain), inArray(roleGrants.role, [...roles])))
  const depth = Math.max(-1, ...rows.map((r) => chain.indexOf(r.unitId)))
  return rows.filter((r) => chain.indexOf(r.unitId) === depth).map((r) => r.userId)
}

async function unitName(tx: Tx, unitId: string): Promise<string> {
  const [row] = await tx.select({ name: units.name }).from(units).where(eq(units.id, unitId))
  return row?.name ?? ''
}

const others = (userIds: string[], actorId: string | null) => userIds.filter((id) => id !== actorId)

/** A new report in a grid: its grid workers; in the community's triage queue (or a grid nobody works), the community's admins. */
export async function notifyNewReport(tx: Tx, r: ReportRow, categoryName: string, now: Date) {
  const triage = r.unitId === r.communityId
  const workers = triage ? [] : await nearestStaff(tx, r.unitPath, ['grid_worker'])
  const staff = workers.length > 0 ? workers : await nearestStaff(tx, r.unitPath, ['community_admin'])
  const where = await unitName(tx, r.unitId)
  await notify(tx, {
    eventKey: `report.new_in_grid:${r.id}`, kind: 'report_new_in_grid', recipients: others(staff, r.reporterId),
    title: triage ? '待分派的新上报' : '网格内有新的上报',
    body: `${where}收到一条新的「${categoryName}」上报，请及时受理${r.dueAt ? `（${chinaTime(r.dueAt)} 前）` : ''}。`,
    page: detailPage(r.id),
    data: { subject: categoryName, status: '待受理', place: where, ...(r.dueAt ? { deadline: chinaTime(r.dueAt) } : {}) },
  }, now)
}

export interface TransitionNews {
  report: ReportRow
  action: string
  categoryName: string
  actorId: string
  note: string | null
  /** the dispatch, when the action was one */
  dispatch?: { id: string; departmentUnitId: string; departmentName: string; deadline: Date }
}

/**
 * The reporter hears that their report was accepted, rejected, dispatched or resolved (unless they
 * did it themselves: a grid worker handling their own report); a dispatch also reaches the department's staff.
 */
export async function notifyTransition(tx: Tx, n: TransitionNews, now: Date) {
  const { report: r, categoryName: subject } = n
  const toReporter = (key: string, kind: 'report_accepted' | 'report_rejected' | 'report_dispatched' | 'report_resolved', title: string, body: string, data: Record<string, string>) =>
    notify(tx, { eventKey: key, kind, recipients: others([r.reporterId], n.actorId), title, body, page: detailPage(r.id), data: { subject, ...data } }, now)

  switch (n.action) {
    case 'accept':
      await toReporter(`report.accepted:${r.id}`, 'report_accepted', '您的上报已受理',
        `您上报的「${subject}」问题已受理，我们会尽快处理。${n.note ? `说明：${n.note}` : ''}`,
        { status: '已受理', ...(n.note ? { note: n.note } : {}) })
      break
    case 'reject':
      await toReporter(`report.rejected:${r.id}`, 'report_rejected', '您的上报未予受理',
        `您上报的「${subject}」问题未予受理。原因：${n.note ?? '未说明'}`,
        { status: '不予受理', note: n.note ?? '未说明' })
      break
    case 'dispatch': {
      const d = n.dispatch!
      await toReporter(`report.dispatched:${d.id}`, 'report_dispatched', '您的上报已派单',
        `您上报的「${subject}」问题已派给${d.departmentName}办理，办理时限 ${chinaTime(d.deadline)}。`,
        { status: '已派单', note: `已派给${d.departmentName}办理`, deadline: chinaTime(d.deadline) })
      const departmentPath = await unitPathOf(tx, d.departmentUnitId)
      const staff = departmentPath ? await nearestStaff(tx, departmentPath, ['dept_staff']) : []
      await notify(tx, {
        eventKey: `dispatch.received:${d.id}`, kind: 'dispatch_received', recipients: others(staff, n.actorId),
        title: '有新的派单',
        body: `${await unitName(tx, r.unitId)}的「${subject}」上报派给${d.departmentName}，请在 ${chinaTime(d.deadline)} 前签收办理。${n.note ? `说明：${n.note}` : ''}`,
        page: detailPage(r.id),
        data: { subject, status: '待签收', deadline: chinaTime(d.deadline), ...(n.note ? { note: n.note } : {}) },
      }, now)
      break
    }
    case 'resolve':
      // resolved again after the reporter sent it back: a new message, keyed by this resolve's event
      await toReporter(`report.resolved:${r.id}:${await lastEventId(tx, r.id, 'resolve')}`, 'report_resolved', '您的上报已办结，请确认并评价',
        `您上报的「${subject}」问题已办结${n.note ? `：${n.note}` : ''}。请查看处理结果，确认并评价；如未解决可退回。`,
        { status: '已办结', note: '请确认办理结果并评价' })
      break
  }
}

async function unitPathOf(tx: Tx, unitId: string): Promise<string | undefined> {
  const [row] = await tx.select({ path: units.path }).from(units).where(eq(units.id, unitId))
  return row?.path
}

/**
 * An overdue report went up a level (the SLA sweep): the admins of the level it reached hear of
 * it. Level 1 is the report's community, level 2 the street (or town) above it.
 */
export async function notifyEscalations(tx: Tx, escalated: { id: string; level: number }[], now: Date) {
  for (const e of escalated) {
    const [r] = await tx.select({
      id: reports.id, unitId: reports.unitId, unitPath: reports.unitPath, communityId: reports.communityId,
      category: reports.category, defaultName: reportCategories.name, communityName: reportCategorySettings.name,
    }).from(reports)
      .innerJoin(reportCategories, eq(reportCategories.code, reports.category))
      .leftJoin(reportCategorySettings, and(eq(reportCategorySettings.communityId, reports.communityId), eq(reportCategorySettings.code, reports.category)))
      .where(eq(reports.id, e.id))
    if (!r) continue
    const chain = r.unitPath.split('/').filter(Boolean)
    const at = chain.indexOf(r.communityId)
    const idx = at < 0 ? chain.length - 1 : e.level >= 2 && at > 0 ? at - 1 : at
    const level = chain[idx]
    const levelPath = `/${chain.slice(0, idx + 1).join('/')}/`
    const subject = r.communityName ?? r.defaultName
    const [where, levelName] = [await unitName(tx, r.unitId), await unitName(tx, level)]
    await notify(tx, {
      eventKey: `report.escalated:${r.id}:${await lastEventId(tx, r.id, 'escalate')}`, kind: 'report_escalated',
      recipients: await nearestStaff(tx, levelPath, ['community_admin']),
      title: '上报超时，已升级督办',
      body: `${where}的「${subject}」上报超过办理时限，已升级到${levelName}督办（第 ${e.level} 级），请督促办理。`,
      page: detailPage(r.id),
      data: { subject, status: '超时督办', note: `升级到${levelName}（第 ${e.level} 级）`, place: where },
    }, now)
  }
}
