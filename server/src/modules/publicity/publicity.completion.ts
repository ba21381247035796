import {
  formatNumber, FundSourceLabel, PUBLICITY_LIMITS, TrackedItemSourceLabel, type BoardPostKind, type FundSource, type TrackedItemSource,
} from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import type { Actor } from '../../plugins/auth'
import { writeAudit } from '../audit/audit.service'
import { shanghaiDate } from './publicity.presenter'
import * as repo from './publicity.repository'

const DAY_MS = 24 * 3600_000
const yuan = (fen: number) => `${formatNumber(fen / 100, 2)} 元`

/** Which board a completed item is publicized on: repairs and annual projects have their own kinds; the rest is fund use. */
export const completionKind = (source: TrackedItemSource): BoardPostKind =>
  source === 'repair' ? 'repair' : source === 'annual_project' ? 'annual_project' : 'fund_use'

/**
 * The notice a completed item puts on the board: what was done, where, by whom, the money
 * (budget, fund source, every cost entry, the total against the budget) and, for a repair,
 * the meeting and its show of hands. Plain text: the same facts print on the paper notice.
 */
export function completionNotice(item: repo.ItemRow, costs: repo.CostRow[], now: Date) {
  const spent = costs.reduce((s, c) => s + c.amountFen, 0)
  const lines = [
    `事项：${item.title}`,
    ...(item.location ? [`地点：${item.location}`] : []),
    `来源：${TrackedItemSourceLabel[item.source as TrackedItemSource]}`,
    `责任人：${item.responsible}`,
    ...(item.repair ? [
      `议定：${item.repair.meetingRef ?? '院坝会'}，举手表决 同意 ${item.repair.showOfHands.for} 人、反对 ${item.repair.showOfHands.against} 人、弃权 ${item.repair.showOfHands.abstain} 人`,
    ] : []),
    `资金来源：${FundSourceLabel[item.fundSource as FundSource]}`,
    `预算：${yuan(item.budgetFen)}`,
    `实际支出：${yuan(spent)}${spent > item.budgetFen ? `（超出预算 ${yuan(spent - item.budgetFen)}）` : ''}`,
    ...(costs.length ? ['支出明细：', ...costs.map((c, i) => `  ${i + 1}. ${c.description}　${yuan(c.amountFen)}`)] : ['支出明细：暂无登记']),
    `完成日期：${shanghaiDate(now)}`,
    '',
    '施工前后照片及票据见线上跟踪落实详情。',
  ]
  const prefix = item.source === 'repair' ? '维修完成公示：' : '完成公示：'
  return {
    kind: completionKind(item.source as TrackedItemSource),
    title: `${prefix}${item.title}`.slice(0, PUBLICITY_LIMITS.titleMax),
    body: lines.join('\n').slice(0, PUBLICITY_LIMITS.bodyMax),
  }
}

/**
 * Puts a completed item on the board, in the transaction that completes it, with the default
 * window: residents in the item's unit may object until it ends. The post's sourceId is the item.
 */
export async function publishCompletion(tx: DbOrTx, actor: Actor, item: repo.ItemRow, now: Date) {
  const costs = await repo.costsOf(tx, item.id)
  const notice = completionNotice(item, costs, now)
  const post = await repo.insertPost(tx, {
    communityId: item.communityId, unitId: item.unitId, unitPath: item.unitPath, kind: notice.kind, title: notice.title, body: notice.body,
    sourceId: item.id, status: 'publicizing', publishedAt: now, windowEndsAt: new Date(now.getTime() + PUBLICITY_LIMITS.defaultWindowDays * DAY_MS),
    createdBy: actor.userId,
  })
  await writeAudit(tx, {
    actorId: actor.userId, action: 'board.publish', entity: 'board_post', entityId: post.id, communityId: post.communityId,
    after: { ...post, by: 'tracked_item.completed' },
  })
  return post
}
