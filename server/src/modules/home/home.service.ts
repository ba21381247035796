import { isReadOnlyAccount, type Home, type HomeQueueKind } from '@linli/shared'
import type { Db } from '../../db/db'
import type { Clock } from '../../lib/clock'
import { unauthorized } from '../../lib/errors'
import type { Actor } from '../../plugins/auth'
import * as authRepo from '../auth/auth.repository'
import { ancestorPaths } from '../deliberation/deliberation.policy'
import type { Grant } from '../org/org.policy'
import * as orgRepo from '../org/org.repository'
import { accountsOfUser, ordersWithItems } from '../points/points.repository'
import { can as canPoll, type Membership } from '../polls/polls.policy'
import * as pollsRepo from '../polls/polls.repository'
import { listPosts } from '../publicity/publicity.repository'
import { dispatchesInScope } from '../reports/reports.repository'
import type { ReportsService } from '../reports/reports.service'
import { queueSections } from './home.policy'
import * as present from './home.presenter'
import * as repo from './home.repository'

/** How many rows each part shows; each links to the page with the rest. */
const FIRST = 3
const LIST = 5

type Section = NonNullable<Home['queue']>[number]

/**
 * 首页: one answer with what the caller's home shows, read in parallel. The parts anyone may
 * see (notices, public feed, results) are those of the caller's community (their household's,
 * else their first role's), else of `unitId`'s, else of the first community (the demo's).
 */
export function createHomeService(deps: { db: Db; clock: Clock; reports: ReportsService }) {
  const { db, clock, reports } = deps

  async function queueOf(actor: Actor, grants: (Grant & { unitName: string })[]): Promise<Section[] | null> {
    const wanted = queueSections(grants)
    if (wanted.length === 0) return null
    const now = clock.now()
    return Promise.all(wanted.map(async ({ kind, grant }) => {
      const head = { kind, unitId: grant.unitId, unitName: grant.unitName }
      const build = SECTION[kind]
      return { ...head, ...(await build(actor, grant, now)) }
    }))
  }

  const SECTION: Record<HomeQueueKind, (actor: Actor, g: Grant, now: Date) => Promise<Pick<Section, 'count' | 'items'>>> = {
    async new_reports(_actor, g) {
      const { count, rows } = await repo.awaitingAcceptance(db, g.path, FIRST)
      return { count, items: rows.map(present.reportItem) }
    },
    async dispatches(_actor, g, now) {
      const rows = (await dispatchesInScope(db, { departmentPaths: [g.path], reportPaths: [], limit: 200 })).filter((x) => x.d.delivery !== 'replied')
      return { count: rows.length, items: rows.slice(0, FIRST).map((x) => present.dispatchItem(x, now)) }
    },
    async overdue(actor, g) {
      const { items } = await reports.overdue(actor, g.unitId, { limit: 200 }) // the count as before paging: up to 200
      return { count: items.length, items: items.slice(0, FIRST).map(present.overdueItem) }
    },
    async objections(_actor, g, now) {
      const posts = await repo.postsWithUnanswered(db, g.path)
      return { count: posts.reduce((s, p) => s + Number(p.unanswered), 0), items: posts.slice(0, FIRST).map((p) => present.objectionItem(p, now)) }
    },
    async pickups(_actor, g, now) {
      const [count, rows] = await Promise.all([
        repo.pendingPickups(db, g.path, now),
        ordersWithItems(db, { path: g.path, status: 'pending', limit: FIRST * 2 }),
      ])
      return { count, items: rows.filter((r) => r.order.expiresAt > now).slice(0, FIRST).map(present.pickupItem) }
    },
  }

  async function householdOf(membership: Membership) {
    const now = clock.now()
    const me = { userId: '', grants: [], membership }
    const [open, meetings] = await Promise.all([
      pollsRepo.listPolls(db, { paths: [], draftPaths: [], householdPath: membership.unitPath, status: 'open', limit: 20 }),
      repo.upcomingMeetings(db, ancestorPaths(membership.unitPath), now, LIST),
    ])
    const polls = open.filter((p) => p.closesAt > now).sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime()).slice(0, LIST)
    const state = await repo.householdVoteState(db, polls.map((p) => p.id), membership.householdId)
    return {
      polls: polls.map((p) => present.poll(p, {
        voted: state.voted.has(p.id),
        eligible: state.inElectorate.has(p.id) && canPoll(me, 'ballot.cast', { kind: 'vote', poll: p }),
      })),
      meetings: meetings.map(present.meeting),
    }
  }

  async function mineOf(userId: string) {
    const [rows, accounts] = await Promise.all([repo.myReportsWithChanges(db, userId, LIST), accountsOfUser(db, userId)])
    return {
      reports: rows.map(present.myReport),
      changedReports: rows.filter((r) => r.changed).length,
      points: accounts.reduce((s, a) => s + a.balance, 0),
    }
  }

  /** Notices in their window, the public feed and certified results of a unit's part of the community. */
  async function publicParts(community: { id: string; path: string }, scopePath: string) {
    const now = clock.now()
    const [posts, feed, closed] = await Promise.all([
      listPosts(db, { unitPath: scopePath, status: 'publicizing', limit: 20 }),
      reports.feed({ unitId: community.id, limit: FIRST }),
      pollsRepo.listPolls(db, { paths: [scopePath], draftPaths: [], householdPath: null, status: 'closed', limit: FIRST }),
    ])
    return {
      notices: posts.filter((p) => now < p.windowEndsAt).slice(0, LIST).map(present.notice),
      feed: feed.items.map(present.feedItem),
      results: closed.map(present.result),
    }
  }

  /** a shared link's community, else the first one (a unit outside any community, or none, falls back too) */
  async function defaultCommunity(unitId?: string) {
    return (unitId ? await repo.communityFor(db, unitId) : undefined) ?? repo.communityFor(db, undefined)
  }

  return {
    async home(actor: Actor | null, q: { unitId?: string }): Promise<Home> {
      if (!actor) {
        const community = await defaultCommunity(q.unitId)
        const parts = community ? await publicParts(community, community.path) : { notices: [], feed: [], results: [] }
        return { viewer: null, community: community ? { id: community.id, name: community.name } : null, queue: null, household: null, mine: null, ...parts }
      }
      const [user, grants, membership] = await Promise.all([
        authRepo.findUser(db, actor.userId), orgRepo.grantsOf(db, actor.userId), pollsRepo.membershipOf(db, actor.userId),
      ])
      if (!user) throw unauthorized('账号不存在，请重新登录')
      const household = membership ? await orgRepo.findHousehold(db, membership.householdId) : undefined
      // my own community first (household, then a role inside one); a shared link's unit only when I have none
      const own = household?.unitId ?? grants[0]?.unitId
      const community = (own ? await repo.communityFor(db, own) : undefined) ?? await defaultCommunity(q.unitId)
      const scopePath = membership?.unitPath ?? community?.path
      const [queue, home, mine, parts] = await Promise.all([
        queueOf(actor, grants),
        membership ? householdOf(membership) : null,
        mineOf(actor.userId),
        community && scopePath ? publicParts(community, scopePath) : { notices: [], feed: [], results: [] },
      ])
      return {
        viewer: {
          displayName: user.displayName, privacyAgreed: !!user.privacyAgreedAt, householdAddress: household?.address ?? null,
          roles: [...new Set(grants.map((g) => g.role))], readOnly: isReadOnlyAccount(grants),
        },
        community: community ? { id: community.id, name: community.name } : null,
        queue, household: home, mine, ...parts,
      }
    },
  }
}
export type HomeService = ReturnType<typeof createHomeService>
