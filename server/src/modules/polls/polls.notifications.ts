import { and, eq, exists, gt, isNull, lte, not, sql } from 'drizzle-orm'
import type { Db, Tx } from '../../db/db'
import { chinaTime, notify } from '../notifications/notifications.notify'
import { householdMembers, units } from '../org/org.tables'
import { ballots, pollElectorate, polls } from './polls.tables'

const HOUR = 3_600_000
/** how long before its close a poll reminds the households that have not voted */
export const CLOSING_REMINDER_MS = 24 * HOUR

type PollRow = typeof polls.$inferSelect

// the mini-program's poll page (miniapp/src/routes.ts pollDetail)
const pollPage = (pollId: string) => `/packages/polls/pages/detail/index?id=${pollId}`

/**
 * The people who may vote for a household of the frozen electorate, per the poll's rule (the
 * head only, or any adult member); with `notVotedOnly`, only for households with no counted ballot.
 */
async function voters(tx: Tx, poll: PollRow, notVotedOnly: boolean): Promise<string[]> {
  const counted = tx.select({ one: sql`1` }).from(ballots)
    .where(and(eq(ballots.pollId, pollElectorate.pollId), eq(ballots.householdId, pollElectorate.householdId), isNull(ballots.supersededAt)))
  const rows = await tx.select({ userId: householdMembers.userId }).from(pollElectorate)
    .innerJoin(householdMembers, eq(householdMembers.householdId, pollElectorate.householdId))
    .where(and(
      eq(pollElectorate.pollId, poll.id),
      poll.voterRule === 'head' ? eq(householdMembers.isHead, true) : eq(householdMembers.isAdult, true),
      notVotedOnly ? not(exists(counted)) : undefined,
    ))
  return rows.map((r) => r.userId)
}

const whoVotes = (poll: PollRow) => (poll.voterRule === 'head' ? '由户主代表全户投票' : '家中任一成年成员均可代表全户投票')

/** A poll opened (by its admin or the schedule): everyone who may vote for a household of its electorate. */
export async function notifyPollOpened(tx: Tx, poll: PollRow, now: Date) {
  const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, poll.unitId))
  await notify(tx, {
    eventKey: `poll.opened:${poll.id}`, kind: 'poll_opened', recipients: await voters(tx, poll, false),
    title: '新的投票开始了',
    body: `${unit?.name ?? ''}发起投票「${poll.title}」，${chinaTime(poll.closesAt)} 截止。一户一票，${whoVotes(poll)}。`,
    page: pollPage(poll.id),
    data: { subject: poll.title, status: '投票中', deadline: chinaTime(poll.closesAt) },
  }, now)
}

/**
 * The sweep for open polls closing within 24 hours: those who may vote for a household that has
 * not voted yet are reminded, once per poll (closing_reminder_at, set under the poll's row in
 * the same transaction, so a second server process or a later sweep finds it done). A poll
 * opened less than 24 hours before its close is not reminded: its opening message said it all.
 * Ballots are not touched: the reminder reads the ballots table once per poll.
 */
export async function remindClosingPolls(db: Db, now: Date, opts: { max?: number } = {}): Promise<{ reminded: number }> {
  const due = await db.select({ id: polls.id }).from(polls).where(and(
    eq(polls.status, 'open'), isNull(polls.closingReminderAt),
    lte(polls.closesAt, new Date(now.getTime() + CLOSING_REMINDER_MS)), gt(polls.closesAt, now),
    sql`${polls.openedAt} < ${polls.closesAt} - interval '24 hours'`,
  )).limit(opts.max ?? 100)
  let reminded = 0
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const [poll] = await tx.update(polls).set({ closingReminderAt: now })
        .where(and(eq(polls.id, id), eq(polls.status, 'open'), isNull(polls.closingReminderAt), gt(polls.closesAt, now))).returning()
      if (!poll) return false // another process reminded it, or it closed meanwhile
      await notify(tx, {
        eventKey: `poll.closing:${poll.id}`, kind: 'poll_closing', recipients: await voters(tx, poll, true),
        title: '投票即将截止，您家还未投票',
        body: `「${poll.title}」将于 ${chinaTime(poll.closesAt)} 截止，您家还没有投票。一户一票，${whoVotes(poll)}。`,
        page: pollPage(poll.id),
        data: { subject: poll.title, status: '即将截止', deadline: chinaTime(poll.closesAt) },
      }, now)
      return true
    })
    if (done) reminded++
  }
  return { reminded }
}
