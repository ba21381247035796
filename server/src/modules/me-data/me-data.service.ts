import type { MyData } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { unauthorized } from '../../lib/errors'
import * as orgRepo from '../org/org.repository'
import * as repo from './me-data.repository'

/* eslint-disable @typescript-eslint/no-explicit-any -- raw rows, shaped field by field below */
const iso = (v: unknown) => new Date(v as string).toISOString()
const isoOrNull = (v: unknown) => (v == null ? null : iso(v))

/** 个人信息: everything MyData lists, read in one snapshot-free pass (a personal view, not a certified record). */
export function createMyDataService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  async function collect(userId: string): Promise<MyData> {
    const now = clock.now()
    const [p] = (await repo.profile(db, userId, now)) as any[]
    if (!p) throw unauthorized('账号不存在，请重新登录')
    const [h] = (await repo.household(db, userId)) as any[]
    const householdId = (h?.id as string | undefined) ?? null
    const [roles, reports, supports, topics, cosigns, meetings, myBallots, householdVotes, objections, ratings, orders, ledger, balance, notifications, uploads] = await Promise.all([
      repo.roles(db, userId), repo.reports(db, userId), repo.supports(db, userId), repo.topics(db, userId), repo.cosigns(db, userId),
      repo.meetings(db, userId, householdId), repo.myBallots(db, userId), householdId ? repo.householdVotes(db, userId, householdId) : [],
      repo.objections(db, userId), repo.ratings(db, userId), repo.orders(db, userId), repo.ledger(db, userId), repo.balance(db, userId),
      repo.notifications(db, userId), repo.uploads(db, userId),
    ])
    return {
      exportedAt: now.toISOString(),
      profile: {
        id: p.id, displayName: p.display_name, username: p.username ?? null, wechatBound: Boolean(p.wechat_bound),
        privacyAgreedAt: isoOrNull(p.privacy_agreed_at), privacyVersion: p.privacy_version ?? null, createdAt: iso(p.created_at),
        activeSessions: Number(p.active_sessions ?? 0),
      },
      household: h ? {
        id: h.id, address: h.address, unitPath: (await orgRepo.unitPathNames(db, h.unit_path)).join(' / '),
        area: h.area == null ? null : Number(h.area), isHead: Boolean(h.is_head), joinedAt: iso(h.joined_at), memberCount: Number(h.member_count),
      } : null,
      roles: roles.map((x: any) => ({ role: x.role, unitId: x.unit_id, unitName: x.unit_name, grantedAt: iso(x.granted_at) })),
      reports: reports.map((x: any) => ({
        id: x.id, categoryName: x.category_name, description: x.description, address: x.address ?? null, status: x.status,
        anonymous: Boolean(x.anonymous), photoCount: Number(x.photo_count), createdAt: iso(x.created_at),
      })),
      supports: supports.map((x: any) => ({ reportId: x.report_id, at: iso(x.at) })),
      topics: topics.map((x: any) => ({ id: x.id, title: x.title, body: x.body, status: x.status, createdAt: iso(x.created_at) })),
      cosigns: cosigns.map((x: any) => ({ topicId: x.topic_id, topicTitle: x.title, at: iso(x.created_at) })),
      meetings: meetings.map((x: any) => ({ meetingId: x.id, title: x.title, startsAt: iso(x.starts_at), attended: x.me ? 'me' as const : 'household' as const })),
      myBallots: myBallots.map((x: any) => {
        const labels = new Map((x.options as { id: string; label: string }[]).map((o) => [o.id, o.label]))
        return {
          pollId: x.poll_id, pollTitle: x.title, choices: (x.choices as string[]).map((c) => labels.get(c) ?? c),
          receipt: x.receipt, castAt: iso(x.cast_at), superseded: Boolean(x.superseded),
        }
      }),
      householdVotes: householdVotes.map((x: any) => ({ pollId: x.poll_id, pollTitle: x.title, votedAt: iso(x.cast_at), byMe: Boolean(x.by_me) })),
      objections: objections.map((x: any) => ({ postId: x.post_id, postTitle: x.title, body: x.body, answer: x.answer ?? null, createdAt: iso(x.created_at) })),
      ratings: ratings.map((x: any) => ({ itemId: x.item_id, itemTitle: x.title, rating: x.rating, comment: x.comment ?? null, at: iso(x.at) })),
      orders: orders.map((x: any) => ({
        id: x.id, itemName: x.name, quantity: Number(x.quantity), pointsTotal: Number(x.points_total), status: x.status, createdAt: iso(x.created_at),
      })),
      points: {
        balance,
        ledger: ledger.map((x: any) => ({
          communityName: x.community_name, delta: Number(x.delta), balanceAfter: Number(x.balance_after), reason: x.reason, note: x.note ?? null, at: iso(x.at),
        })),
      },
      notifications: notifications.map((x: any) => ({ title: x.title, body: x.body, createdAt: iso(x.created_at), readAt: isoOrNull(x.read_at) })),
      uploads: uploads.map((x: any) => ({ id: x.id, width: Number(x.width), height: Number(x.height), bytes: Number(x.bytes), createdAt: iso(x.created_at) })),
    }
  }

  return { collect }
}
export type MyDataService = ReturnType<typeof createMyDataService>
