import { sql } from 'drizzle-orm'
import { LedgerReason, LedgerReasonLabel, ShopOrderStatus, ShopOrderStatusLabel } from '@linli/shared'
import { can } from '../points/points.policy'
import { checked, ExportErrors } from './export.errors'
import { all, BATCH, beijing, keyset, rows, timeRange, under } from './export.sql'
import type { Dataset } from './export.types'

const T = '（北京时间）'

interface EntryLine {
  id: number; at: string; owner: string | null; owner_kind: string; delta: number; balance_after: number; reason: string
  source_type: string; source_id: string; note: string | null
}

/**
 * 积分明细: the ledger of every points account in the communities at or below the unit, newest
 * first; for those who check the ledger (admins, supervisors: the points policy's integrity.check).
 */
export const pointsLedgerDataset: Dataset = async ({ db, me, unit, q }) => {
  if (!can(me, 'integrity.check', { unitPath: unit.path })) throw ExportErrors.forbidden('积分明细')
  const reason = checked(LedgerReason, 'reason', q.reason)
  // the ledger is kept per community: a unit below a community narrows to its community's accounts
  const communities = unit.communityId
    ? sql`e.community_id = ${unit.communityId}::uuid`
    : sql`e.community_id in (select id from units where ${under('path', unit.path)} and id = community_id)`
  const page = (after?: EntryLine) => rows<EntryLine>(db, sql`
    select e.id::float8 as id, ${beijing('e.at')} as at, coalesce(us.display_name, cu.name) as owner, a.owner_kind, e.delta, e.balance_after,
      e.reason, e.source_type, e.source_id, e.note
    from points_entries e
    join points_accounts a on a.id = e.account_id
    left join users us on us.id = a.user_id
    left join units cu on cu.id = a.unit_id
    where ${all([
      communities,
      reason && sql`e.reason = ${reason}`,
      ...timeRange('e.at', q),
      after && sql`e.id < ${after.id}`,
    ])}
    order by e.id desc limit ${BATCH}`)
  return [{
    name: '积分明细',
    columns: [
      { header: '明细编号' }, { header: `时间${T}`, width: 20 }, { header: '账户' }, { header: '账户类型' }, { header: '变动（积分）' }, { header: '变动后余额（积分）' },
      { header: '原因' }, { header: '来源类型' }, { header: '来源编号', width: 38 }, { header: '备注', width: 24 },
    ],
    batches: keyset(page, (e) => [
      e.id, e.at, e.owner, e.owner_kind === 'courtyard' ? '院坝' : '居民', e.delta, e.balance_after,
      LedgerReasonLabel[e.reason as LedgerReason] ?? e.reason, e.source_type, e.source_id, e.note,
    ]),
  }]
}

interface OrderLine {
  id: string; k: string; created: string; item: string; quantity: number; points_total: number; status: string
  buyer: string | null; picked_up: string | null; closed: string | null; expires: string
}

/** 兑换订单 of the shops at or below the unit (admins, shopkeepers, supervisors); never the pickup code. */
export const shopOrdersDataset: Dataset = async ({ db, me, unit, q }) => {
  if (!can(me, 'shop.order.read', { unitPath: unit.path })) throw ExportErrors.forbidden('兑换订单')
  const status = checked(ShopOrderStatus, 'status', q.status)
  const page = (after?: OrderLine) => rows<OrderLine>(db, sql`
    select o.id, o.created_at::text as k, ${beijing('o.created_at')} as created, i.name as item, o.quantity, o.points_total, o.status,
      us.display_name as buyer, ${beijing('o.picked_up_at')} as picked_up, ${beijing('o.closed_at')} as closed, ${beijing('o.expires_at')} as expires
    from shop_orders o
    join shop_items i on i.id = o.item_id
    left join users us on us.id = o.user_id
    where ${all([
      under('o.shop_unit_path', unit.path),
      status && sql`o.status = ${status}`,
      ...timeRange('o.created_at', q),
      after && sql`(o.created_at, o.id) < (${after.k}::timestamptz, ${after.id}::uuid)`,
    ])}
    order by o.created_at desc, o.id desc limit ${BATCH}`)
  return [{
    name: '兑换订单',
    columns: [
      { header: '订单编号', width: 38 }, { header: `下单时间${T}`, width: 20 }, { header: '商品', width: 20 }, { header: '数量' }, { header: '积分' },
      { header: '状态' }, { header: '兑换人' }, { header: `领取时间${T}`, width: 20 }, { header: `关闭时间${T}`, width: 20 }, { header: `领取截止${T}`, width: 20 },
    ],
    batches: keyset(page, (o) => [
      o.id, o.created, o.item, o.quantity, o.points_total, ShopOrderStatusLabel[o.status as ShopOrderStatus] ?? o.status, o.buyer, o.picked_up, o.closed, o.expires,
    ]),
  }]
}
