/**
 * Secrecy of evaluations, as for ballots (polls.secrecy.ts), per scope (a courtyard, or a grid
 * for its grid worker) and per subject.
 *
 * Nothing links an answer to its household: answers and comments carry no household, user or
 * time (evaluation.tables.ts); staff see turnout counts only. What remains is differencing: read
 * a result, let one household answer, read again. So results are published only from snapshots:
 *   1. A snapshot is the scope's counts when exactly a multiple of k households had answered,
 *      taken in the submitting transaction under the scope's counter lock (so it is one exact
 *      state). Between two snapshots, k households answered for the first time.
 *   2. Per subject, published snapshots form a chain: a snapshot joins the subject's chain when
 *      the subject's answers there are at least k more than at the chain's last member (cadre
 *      questions may be skipped, so a subject's count can grow slower than the households').
 *   3. While the period runs, a subject shows the newest chain member at least k of its answers
 *      behind the live count; after the period ends, the exact final count once it reaches k.
 * So any two published numbers of a subject differ by the answers of >= k households, and the
 * first one already holds >= k: nothing narrows one household's answer below k households. The
 * chain is a function of the stored snapshots, so every reader sees the same published values.
 * What cannot be hidden: a window where all k households answered alike. Comments follow the
 * households chain: 'overall' in a courtyard (a household answers all three services, so its n
 * counts households), 'grid_worker' in a grid.
 */
import type { ResultNumbers } from '@linli/shared'
import type { SnapshotCounts } from './evaluation.tables'

interface Snapshot { answered: number; counts: SnapshotCounts; comments: string[] }
export interface Published { asOf: number | null; numbers: Record<string, ResultNumbers | null>; comments: string[] | null }

/** n counts households; the ratings count answers (in 'overall' three per household), so rates divide by their sum. */
export function numbersOf(c: { n: number; s: number; b: number; u: number }): ResultNumbers {
  const total = c.s + c.b + c.u
  return {
    answers: c.n, satisfied: c.s, basic: c.b, unsatisfied: c.u,
    satisfactionRate: total ? Math.round(((c.s + c.b) / total) * 1000) / 1000 : 0,
    score: total ? Math.round(((2 * c.s + c.b) / (2 * total)) * 1000) / 10 : 0,
  }
}

const nOf = (counts: SnapshotCounts, key: string) => counts[key]?.n ?? 0

/** The newest member of `key`'s chain at least k answers behind `current`, if any. */
function shownFor(snapshots: Snapshot[], key: string, k: number, current: number): Snapshot | null {
  let last = 0
  let shown: Snapshot | null = null
  for (const s of snapshots) { // ascending by answered
    const n = nOf(s.counts, key)
    if (n < last + k) continue
    last = n
    if (n <= current - k) shown = s
  }
  return shown
}

/** What may be shown of one scope, for these subject keys. */
export function publish(o: { keys: string[]; householdsKey: string; k: number; ended: boolean; snapshots: Snapshot[]; live: SnapshotCounts; liveComments: string[] }): Published {
  const numbers: Record<string, ResultNumbers | null> = {}
  if (o.ended) {
    for (const key of o.keys) numbers[key] = nOf(o.live, key) >= o.k ? numbersOf(o.live[key]) : null
    const households = nOf(o.live, o.householdsKey)
    return { asOf: households >= o.k ? households : null, numbers, comments: households >= o.k ? o.liveComments : null }
  }
  for (const key of o.keys) {
    const s = shownFor(o.snapshots, key, o.k, nOf(o.live, key))
    numbers[key] = s ? numbersOf(s.counts[key]) : null
  }
  const overall = shownFor(o.snapshots, o.householdsKey, o.k, nOf(o.live, o.householdsKey))
  return { asOf: overall?.answered ?? null, numbers, comments: overall ? overall.comments : null }
}
