/**
 * Ballot secrecy against differencing.
 *
 * The threat: anyone but the household reads what they may (the public tally, staff the
 * turnout list, admins and supervisors the audit trail, which says who voted when and on
 * which channel) before and after one household votes; if the tally moved by one ballot,
 * the difference names that household's choice. We assume the reader knows exactly who
 * voted and when (the audit trail tells staff anyway), so hiding *who* voted protects
 * nothing; what must be coarse is *how the counts move*.
 *
 * The rule (k = the poll's secrecy_k, frozen from the community's poll_settings when the
 * poll opens, default POLL_SECRECY.defaultK = 5):
 *   1. Live counts are published only from snapshots. A snapshot is the per-option counts of
 *      one consistent database state (one statement) together with the number of households
 *      that had voted then. It is taken at read time, never on the ballot path, and only when
 *      at least k more households have voted than at the previous snapshot.
 *   2. A snapshot is published once at least k more households have voted since it was taken
 *      (lag). So two published snapshots, and the last published one and the certified result
 *      at close, always differ by at least k households voting for the first time.
 *   3. Live snapshots carry counts only: no per-option area (known areas make the difference
 *      a subset-sum that names who chose what), no per-option channel (a lone paper ballot in
 *      a window would be named), no decision. The certified result at close is exact and
 *      complete, as the law asks.
 * Why this is enough: every published difference is a sum over the ballots of >= k households
 * voting for the first time (plus any vote changes). A first ballot appears in exactly one
 * window; a changed ballot appears as (new - old) in a later one. Any combination of
 * published numbers that weighs one household's ballot weighs the ballot of every other
 * household new in the same window, so nothing narrows a choice to fewer than k households.
 * Windows count distinct households, not ballot events, so one household changing its vote
 * k times cannot make a window of one. Corollary: an electorate under 2k households never
 * shows live counts. What no scheme can hide: a window (or the whole result) where all k
 * households chose alike.
 * Live and unaffected: the turnout count, area and channel totals (they say who voted, not
 * how), the staff turnout list, the household's own ballot. After close, the bulletin and
 * receipt checks are as before.
 */
import { and, desc, eq, lte } from 'drizzle-orm'
import { POLL_SECRECY, type Tally } from '@linli/shared'
import type { Db, DbOrTx } from '../../db/db'
import type { Clock } from '../../lib/clock'
import * as repo from './polls.repository'
import { pollSettings, pollTallySnapshots } from './polls.tables'

export const secrecyKOf = (poll: { secrecyK: number | null }) => poll.secrecyK ?? POLL_SECRECY.defaultK

/** The community's k (its setting, else the default): read when a poll opens, in its transaction. */
export async function communitySecrecyK(db: DbOrTx, communityId: string): Promise<number> {
  const [row] = await db.select({ k: pollSettings.secrecyK }).from(pollSettings).where(eq(pollSettings.communityId, communityId))
  return row?.k ?? POLL_SECRECY.defaultK
}

type Snapshot = typeof pollTallySnapshots.$inferSelect

async function lastSnapshot(db: DbOrTx, pollId: string, atMostVoted?: number): Promise<Snapshot | undefined> {
  const [row] = await db.select().from(pollTallySnapshots)
    .where(and(eq(pollTallySnapshots.pollId, pollId), atMostVoted === undefined ? undefined : lte(pollTallySnapshots.votedHouseholds, atMostVoted)))
    .orderBy(desc(pollTallySnapshots.votedHouseholds)).limit(1)
  return row
}

const countsOf = (n: repo.TallyNumbers) => {
  const counts: Record<string, number> = {}
  for (const r of n.optionRows) counts[r.optionId] = (counts[r.optionId] ?? 0) + r.count
  return counts
}
const votedOf = (n: repo.TallyNumbers) => n.votedRows.reduce((s, r) => s + r.count, 0)

export function createTallySecrecy(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps

  /**
   * Takes a snapshot when k more households have voted than at the last one. Under the
   * poll's row lock, so two readers cannot take two snapshots less than k apart.
   */
  async function maybeSnapshot(poll: repo.PollRow, k: number): Promise<void> {
    await db.transaction(async (tx) => {
      const locked = await repo.lockPoll(tx, poll.id)
      if (locked?.status !== 'open') return
      const last = await lastSnapshot(tx, poll.id)
      const now = await repo.tallyNumbers(tx, poll.id) // one statement: counts and voted of one state
      const voted = votedOf(now)
      if (voted < (last?.votedHouseholds ?? 0) + k) return
      await tx.insert(pollTallySnapshots).values({ pollId: poll.id, votedHouseholds: voted, counts: countsOf(now), takenAt: clock.now() })
        .onConflictDoNothing()
    })
  }

  /**
   * The options part of a live tally: the latest snapshot at least k households behind
   * `current`, or null while there is none.
   */
  async function publishedOptions(poll: repo.PollRow, current: repo.TallyNumbers): Promise<Pick<Tally, 'options' | 'asOf' | 'liveEvery'>> {
    const k = secrecyKOf(poll)
    const voted = votedOf(current)
    if (poll.status === 'open') {
      const last = await lastSnapshot(db, poll.id)
      if (voted >= (last?.votedHouseholds ?? 0) + k) await maybeSnapshot(poll, k)
    }
    const shown = await lastSnapshot(db, poll.id, voted - k)
    if (!shown) return { options: null, asOf: null, liveEvery: k }
    return {
      options: poll.options.map((o) => ({ id: o.id, label: o.label, count: shown.counts[o.id] ?? 0, area: null, byChannel: null })),
      asOf: { votedHouseholds: shown.votedHouseholds, takenAt: shown.takenAt.toISOString() },
      liveEvery: k,
    }
  }

  return { publishedOptions }
}
export type TallySecrecy = ReturnType<typeof createTallySecrecy>
