import { sql } from 'drizzle-orm'
import {
  auditActionLabel, auditEntityLabel, FundSourceLabel, TrackedItemSource, TrackedItemSourceLabel, TrackedItemStatus, TrackedItemStatusLabel,
  type FundSource, type TrackedItemState,
} from '@linli/shared'
import { can as canAudit } from '../audit/audit.policy'
import { findUnit } from '../org/org.repository'
import { can as canOrg, covers } from '../org/org.policy'
import { can as canPublicity, type PublicityActor } from '../publicity/publicity.policy'
import { checked, ExportErrors } from './export.errors'
import { all, BATCH, beijing, keyset, rows, timeRange, under } from './export.sql'
import type { Dataset } from './export.types'

const T = '（北京时间）'
/** Today's date in Beijing (YYYY-MM-DD): planned dates are local calendar days. */
const beijingDate = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

interface ItemLine {
  id: string; k: string; title: string; source: string; unit_name: string; location: string | null; responsible: string; fund_source: string
  budget_fen: number; spent_fen: number; progress: number; status: string; planned_start: string | null; planned_end: string | null
  completed: string | null; created: string; satisfied: number; basically: number; dissatisfied: number
}

/**
 * 跟踪落实台账: every tracked item at or below the unit with its budget, what was spent (the
 * sum of its costs), progress, dates and the residents' ratings. For the staff who keep it
 * (admins, grid workers, courtyard heads) and supervisors.
 */
export const trackedItemsDataset: Dataset = async ({ db, me, unit, q, now }) => {
  const keeper = canPublicity({ ...me, residence: null } as PublicityActor, 'item.update', { unitPath: unit.path })
  if (!keeper && !me.grants.some((g) => g.role === 'supervisor' && covers(g, unit.path))) throw ExportErrors.forbidden('跟踪事项')
  const status = checked(TrackedItemStatus, 'status', q.status)
  const source = checked(TrackedItemSource, 'source', q.source)
  const today = beijingDate(now)
  const late = sql`t.planned_end < ${today}::date and t.status in ('planned', 'in_progress')`
  const page = (after?: ItemLine) => rows<ItemLine>(db, sql`
    select t.id, t.created_at::text as k, t.title, t.source, u.name as unit_name, t.location, t.responsible, t.fund_source,
      t.budget_fen::float8 as budget_fen, coalesce(c.spent, 0)::float8 as spent_fen, t.progress::int as progress, t.status,
      t.planned_start::text as planned_start, t.planned_end::text as planned_end, ${beijing('t.completed_at')} as completed, ${beijing('t.created_at')} as created,
      coalesce(rt.satisfied, 0)::int as satisfied, coalesce(rt.basically, 0)::int as basically, coalesce(rt.dissatisfied, 0)::int as dissatisfied
    from tracked_items t
    join units u on u.id = t.unit_id
    left join lateral (select sum(amount_fen) as spent from tracked_item_costs where item_id = t.id) c on true
    left join lateral (select count(*) filter (where rating = 'satisfied') as satisfied, count(*) filter (where rating = 'basically_satisfied') as basically,
      count(*) filter (where rating = 'dissatisfied') as dissatisfied from tracked_item_ratings where item_id = t.id) rt on true
    where ${all([
      under('t.unit_path', unit.path),
      status && sql`t.status = ${status}`,
      source && sql`t.source = ${source}`,
      q.overdue === true && late,
      q.overdue === false && sql`not (${late})`,
      ...timeRange('t.created_at', q),
      after && sql`(t.created_at, t.id) < (${after.k}::timestamptz, ${after.id}::uuid)`,
    ])}
    order by t.created_at desc, t.id desc limit ${BATCH}`)
  return [{
    name: '跟踪落实台账',
    columns: [
      { header: '事项编号', width: 38 }, { header: '事项', width: 30 }, { header: '来源' }, { header: '单元' }, { header: '地点' }, { header: '责任人' },
      { header: '资金来源' }, { header: '预算（元）', money: true }, { header: '已支出（元）', money: true }, { header: '是否超支' }, { header: '进度（%）' },
      { header: '状态' }, { header: '计划开始' }, { header: '计划完成' }, { header: '是否逾期' }, { header: `完成时间${T}`, width: 20 },
      { header: '满意（户）' }, { header: '基本满意（户）' }, { header: '不满意（户）' }, { header: `建立时间${T}`, width: 20 },
    ],
    batches: keyset(page, (t) => [
      t.id, t.title, TrackedItemSourceLabel[t.source as TrackedItemSource] ?? t.source, t.unit_name, t.location, t.responsible,
      FundSourceLabel[t.fund_source as FundSource] ?? t.fund_source, t.budget_fen, t.spent_fen, t.spent_fen > t.budget_fen, t.progress,
      TrackedItemStatusLabel[t.status as TrackedItemState] ?? t.status, t.planned_start, t.planned_end,
      !!t.planned_end && today > t.planned_end && (t.status === 'planned' || t.status === 'in_progress'),
      t.completed, t.satisfied, t.basically, t.dissatisfied, t.created,
    ]),
  }]
}

interface HouseholdLine { id: string; address: string; unit_name: string; head_name: string | null; area: number | null; members: number }

/**
 * 住户花名册, in the columns the roster import reads (单元, 地址, 户主, 面积(m²)), so a file
 * exported here imports again (into another unit whose leaf units have the same names); the
 * member count after them is for people and ignored by the import.
 */
export const householdsDataset: Dataset = async ({ db, me, unit, q }) => {
  if (!canOrg(me, 'household.read', { unitPath: unit.path })) throw ExportErrors.forbidden('住户')
  const page = (after?: HouseholdLine) => rows<HouseholdLine>(db, sql`
    select h.id, h.address, u.name as unit_name, h.head_name, h.area::float8 as area,
      (select count(*) from household_members m where m.household_id = h.id)::int as members
    from households h join units u on u.id = h.unit_id
    where ${all([
      under('u.path', unit.path),
      q.q && sql`(h.address ilike ${'%' + q.q + '%'} or h.head_name ilike ${'%' + q.q + '%'})`,
      after && sql`(h.address, h.id) > (${after.address}, ${after.id}::uuid)`,
    ])}
    order by h.address, h.id limit ${BATCH}`)
  return [{
    name: '住户花名册',
    columns: [{ header: '单元', width: 16 }, { header: '地址', width: 24 }, { header: '户主' }, { header: '面积(m²)' }, { header: '已绑定成员（人）' }],
    batches: keyset(page, (h) => [h.unit_name, h.address, h.head_name, h.area === null ? null : Number(h.area.toFixed(2)), h.members]),
  }]
}

interface AuditLine { id: number; k: string; at: string; actor: string | null; action: string; entity: string; entity_id: string; before: string | null; after: string | null }

/** 审计日志 of the unit's community (as its list: admins and supervisors; a street has none of its own). */
export const auditDataset: Dataset = async ({ db, me, unit, q }) => {
  const community = unit.communityId ? (unit.communityId === unit.id ? unit : await findUnit(db, unit.communityId)) : undefined
  if (!canAudit(me, 'audit.read', { unitPath: community?.path ?? unit.path })) throw ExportErrors.forbidden('审计日志')
  if (!community) throw ExportErrors.notACommunity()
  const page = (after?: AuditLine) => rows<AuditLine>(db, sql`
    select a.id::float8 as id, a.at::text as k, ${beijing('a.at')} as at, case when a.actor_id is null then '系统' else us.display_name end as actor, a.action, a.entity, a.entity_id,
      a.before::text as before, a.after::text as after
    from audit_log a left join users us on us.id = a.actor_id
    where ${all([
      sql`a.community_id = ${community.id}::uuid`,
      q.entity && sql`a.entity = ${q.entity}`,
      q.entityId && sql`a.entity_id = ${q.entityId}`,
      q.action && sql`a.action = ${q.action}`,
      ...timeRange('a.at', q),
      after && sql`(a.at, a.id) < (${after.k}::timestamptz, ${after.id})`,
    ])}
    order by a.at desc, a.id desc limit ${BATCH}`)
  return [{
    name: '审计日志',
    columns: [
      { header: '记录编号' }, { header: `时间${T}`, width: 20 }, { header: '操作人' }, { header: '动作', width: 20 }, { header: '对象类型' },
      { header: '对象编号', width: 38 }, { header: '变更前', width: 40 }, { header: '变更后', width: 40 },
    ],
    // the action and the entity type in Chinese (shared labels, as the log page shows them); the id stays for auditors
    batches: keyset(page, (a) => [a.id, a.at, a.actor, auditActionLabel(a.action), auditEntityLabel(a.entity), a.entity_id, a.before, a.after]),
  }]
}
