import { asc, eq } from 'drizzle-orm'
import { FOLLOW_UP_ITEM_TITLE } from '@linli/shared'
import type { Tx } from '../../db/db'
import { householdMembers, households } from '../org/org.tables'
import * as repo from './deliberation.repository'

const DAY_MS = 24 * 3600_000
interface DemoUnit { id: string; path: string; communityId: string }

/**
 * Demo topics and meetings, so a fresh `pnpm start` shows the 议事 tab with something in it:
 * in 李家院坝 a 院坝会 last week that decided a topic (the repair the publicity demo logs) and
 * the next 院坝会, whose first item reports it; a grid topic of 青山村 still collecting
 * co-signs; in 幸福社区 a topic that reached its threshold and one collecting.
 * Co-signs go through the same statement as the API, so counts and statuses agree with the rows.
 */
export async function seedDeliberationDemo(tx: Tx, d: {
  unit: (name: string) => DemoUnit
  user: (username: string) => string
  now?: Date
}) {
  const now = d.now ?? new Date()
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS)
  const head = d.user('head1')

  /** a unit's households by address, with the bound member when there is one (only demo residents are bound) */
  async function householdsOf(u: DemoUnit) {
    return tx.select({ id: households.id, userId: householdMembers.userId }).from(households)
      .leftJoin(householdMembers, eq(householdMembers.householdId, households.id))
      .where(eq(households.unitId, u.id)).orderBy(asc(households.address))
  }

  async function topic(u: DemoUnit, v: { title: string; body: string; raisedBy: string; householdId: string | null; daysAgo: number; cosigners: { id: string; userId: string }[]; status?: string; meetingId?: string }) {
    const row = await repo.insertTopic(tx, {
      communityId: u.communityId, unitId: u.id, unitPath: u.path, title: v.title, body: v.body, source: 'resident', reportId: null,
      status: 'open', cosignThreshold: 5, cosignCount: 0, raisedBy: v.raisedBy, householdId: v.householdId, createdAt: at(-v.daysAgo), updatedAt: at(-v.daysAgo),
    })
    for (const [i, c] of v.cosigners.entries()) await repo.addCosign(tx, { topicId: row.id, householdId: c.id, userId: c.userId, at: at(-v.daysAgo + 0.1 * (i + 1)) })
    if (v.status) await repo.updateTopic(tx, row.id, { status: v.status, meetingId: v.meetingId ?? null })
    return row
  }

  // ---- 李家院坝: last week's 院坝会 decided the entrance repair; the next one reports on it
  const li = d.unit('李家院坝')
  const liHouseholds = await householdsOf(li)
  // a co-sign is a member's act for the household: only bound households co-sign
  const liBound = liHouseholds.filter((h) => !!h.userId) as { id: string; userId: string }[]
  const past = await repo.insertMeeting(tx, {
    communityId: li.communityId, unitId: li.id, unitPath: li.path, kind: 'courtyard', title: '李家院坝院坝会', startsAt: at(-8), place: '李家院坝晒坝',
    host: '李院坝长', minutes: '到会 6 户。大家反映院坝入口路面破损，雨天积水，老人出行不便。经举手表决，同意修补，费用由居民自筹，院坝长负责组织施工并公示开支。',
    createdBy: head, createdAt: at(-10), updatedAt: at(-8),
  })
  const repair = await topic(li, {
    title: '修补院坝入口破损路面', body: '入口路面坑洼，下雨积水，电瓶车和老人经过容易摔倒。', raisedBy: liBound[0]?.userId ?? head, householdId: liBound[0]?.id ?? null,
    daysAgo: 14, cosigners: liBound, status: 'decided', meetingId: past.id,
  })
  await repo.insertItems(tx, [
    { meetingId: past.id, position: 0, kind: 'follow_up', title: FOLLOW_UP_ITEM_TITLE, note: '本单元此前没有议事会议', previousMeetingId: null },
    {
      meetingId: past.id, position: 1, kind: 'topic', title: repair.title, note: repair.body, topicId: repair.id,
      resolutionMethod: 'show_of_hands', votesFor: 16, votesAgainst: 1, votesAbstain: 2, decision: '同意修补院坝入口破损路面，预算 3000 元由居民自筹，院坝长负责组织施工并公示开支。',
      resolvedAt: at(-8), resolvedBy: head,
    },
  ])
  await repo.addAttendance(tx, past.id, { householdIds: liHouseholds.slice(0, 6).map((h) => h.id), userIds: [], by: head, at: at(-8) })

  const bins = await topic(li, {
    title: '院坝垃圾桶挪到路口', body: '垃圾桶放在晒坝中间，夏天气味大，建议挪到院坝入口路口。',
    raisedBy: liBound[1]?.userId ?? liBound[0]?.userId ?? head, householdId: liBound[1]?.id ?? liBound[0]?.id ?? null, daysAgo: 5, cosigners: liBound.slice(1),
  })
  const next = await repo.insertMeeting(tx, {
    communityId: li.communityId, unitId: li.id, unitPath: li.path, kind: 'courtyard', title: '李家院坝院坝会', startsAt: at(6), place: '李家院坝晒坝',
    host: '李院坝长', createdBy: head, createdAt: at(-1), updatedAt: at(-1),
  })
  await repo.updateTopic(tx, bins.id, { status: 'scheduled', meetingId: next.id })
  await repo.insertItems(tx, [
    { meetingId: next.id, position: 0, kind: 'follow_up', title: FOLLOW_UP_ITEM_TITLE, note: '', previousMeetingId: past.id },
    { meetingId: next.id, position: 1, kind: 'topic', title: bins.title, note: bins.body, topicId: bins.id },
  ])

  // ---- 青山村第一网格: a topic across two courtyards, collecting co-signs
  const grid = d.unit('青山村第一网格')
  await topic(grid, {
    title: '李家院坝到王家院坝的小路装路灯', body: '两个院坝之间的小路没有路灯，晚上接娃放学很黑。', raisedBy: liBound[0]?.userId ?? head, householdId: liBound[0]?.id ?? null,
    daysAgo: 3, cosigners: liBound.slice(0, 1),
  })

  // ---- 幸福社区: one topic on the agenda (threshold reached), one collecting
  const xingfu = d.unit('幸福社区')
  const grid1 = d.unit('幸福社区第一网格')
  const xfBound = (await tx.select({ id: households.id, userId: householdMembers.userId }).from(households)
    .innerJoin(householdMembers, eq(householdMembers.householdId, households.id))
    .where(eq(households.communityId, xingfu.communityId)).orderBy(asc(households.address))) as { id: string; userId: string }[]
  await topic(xingfu, {
    title: '小区加装电动车充电桩', body: '楼道里飞线充电很危险，建议在小区空地集中安装充电桩。', raisedBy: xfBound[0]?.userId ?? d.user('admin'), householdId: xfBound[0]?.id ?? null,
    daysAgo: 9, cosigners: xfBound.slice(0, 5),
  })
  await topic(grid1, {
    title: '清理楼道堆放的杂物', body: '1 栋和 2 栋楼道堆了纸箱和旧家具，消防通道不畅。', raisedBy: xfBound[1]?.userId ?? d.user('admin'), householdId: xfBound[1]?.id ?? null,
    daysAgo: 2, cosigners: xfBound.slice(1, 3),
  })
}
