import { PUBLICITY_LIMITS, type Tally } from '@linli/shared'
import type { DbOrTx } from '../../db/db'
import { writeAudit } from '../audit/audit.service'
import * as publicityRepo from '../publicity/publicity.repository'
import type { PollRow } from './polls.repository'

const DAY_MS = 24 * 3600_000

const fmtArea = (m2: number) => `${Math.round(m2 * 100) / 100} m²`

/** The notice text: turnout, each option's count, the decision with each condition, and where to recount. */
export function pollResultBody(poll: Pick<PollRow, 'title' | 'statusReason'>, tally: Tally): string {
  const t = tally.turnout
  const lines = [
    `投票事项：${poll.title}`,
    `参与情况：已投票 ${t.votedHouseholds} / ${t.eligibleHouseholds} 户（专有面积 ${fmtArea(t.votedArea)} / ${fmtArea(t.eligibleArea)}）；线上 ${t.byChannel.online} · 纸质票 ${t.byChannel.paper} · 入户代投 ${t.byChannel.door}`,
  ]
  if (tally.options) {
    lines.push('各选项得票：')
    for (const o of tally.options) lines.push(`  ${o.id}. ${o.label}：${o.count} 票`)
  }
  if (tally.decision) {
    for (const c of tally.decision.conditions) lines.push(`${c.label}：${c.actual}（要求 ${c.required}）${c.met ? '已满足' : '未满足'}`)
    lines.push(`表决结果：${tally.decision.passed ? '通过' : '未通过'}`)
  }
  if (poll.statusReason) lines.push(`提前结束说明：${poll.statusReason}`)
  lines.push('核对方式：本投票的选票公告列出每张计入选票的回执码和所选选项（不含住户信息），任何人都可以据此重新计票、查找自家回执。')
  return lines.join('\n')
}

/**
 * Puts a closed poll's certified result on the board (kind poll_result, sourceId = the poll).
 * Called inside the closing transaction, under the poll's row lock, after the status check:
 * a repeated close (a retried or concurrent sweep) fails that check and rolls back, so one
 * poll never gets two posts, and a failed post rolls the close back with it.
 */
export async function postPollResult(tx: DbOrTx, poll: PollRow, tally: Tally, now: Date, actorId: string | null) {
  const post = await publicityRepo.insertPost(tx, {
    communityId: poll.communityId, unitId: poll.unitId, unitPath: poll.unitPath, kind: 'poll_result',
    title: `投票结果：${poll.title}`.slice(0, PUBLICITY_LIMITS.titleMax), body: pollResultBody(poll, tally), sourceId: poll.id,
    status: 'publicizing', publishedAt: now, windowEndsAt: new Date(now.getTime() + PUBLICITY_LIMITS.defaultWindowDays * DAY_MS), createdBy: actorId,
  })
  await writeAudit(tx, { actorId, action: 'board.publish', entity: 'board_post', entityId: post.id, communityId: post.communityId, after: { ...post, by: 'poll.close' } })
  return post
}
