import type { DecisionRule, Tally } from '@linli/shared'
import type { PollOptionRow } from './polls.tables'

type Channel = 'online' | 'paper' | 'door'
export type ChannelCounts = Record<Channel, number>
const zero = (): ChannelCounts => ({ online: 0, paper: 0, door: 0 })

/** Raw numbers from the database. Areas are integer hundredths of m², so sums are exact. */
export interface TallyInput {
  options: PollOptionRow[]
  rule: DecisionRule
  eligible: { households: number; areaHundredths: number }
  /** one row per (option, channel) over counted ballots */
  optionRows: { optionId: string; channel: string; count: number; areaHundredths: number }[]
  /** one row per channel over counted ballots */
  votedRows: { channel: string; count: number; areaHundredths: number }[]
}

const m2 = (hundredths: number) => hundredths / 100
const fmtArea = (hundredths: number) => (hundredths / 100).toFixed(2)

interface Cond { key: string; label: string; actual: string; required: string; met: boolean }

/**
 * Each condition compares integers by cross-multiplication (count * 2 > cast rather than
 * count / cast > 0.5), so no rounding decides a vote.
 */
export function evaluateRule(rule: DecisionRule, n: {
  eligible: number; eligibleArea: number; voted: number; votedArea: number; count: number; area: number
}): Cond[] {
  const c = (key: string, label: string, num: number, den: number, required: string, met: boolean, area = false): Cond => ({
    key, label, actual: area ? `${fmtArea(num)} / ${fmtArea(den)} m²` : `${num} / ${den}`, required, met,
  })
  switch (rule.kind) {
    case 'simple_majority':
      return [c('approval_of_cast', '赞成户数占投票户数', n.count, n.voted, '> 1/2', n.count * 2 > n.voted)]
    case 'majority_of_eligible':
      return [c('approval_of_eligible', '赞成户数占全体有投票权户数', n.count, n.eligible, '> 1/2', n.count * 2 > n.eligible)]
    case 'two_thirds_cast':
      return [c('approval_of_cast', '赞成户数占投票户数', n.count, n.voted, '>= 2/3', n.voted > 0 && n.count * 3 >= n.voted * 2)]
    case 'custom':
      return [
        c('quorum', '投票户数占全体有投票权户数', n.voted, n.eligible, `>= ${rule.quorumPercent}%`, n.eligible > 0 && n.voted * 100 >= rule.quorumPercent * n.eligible),
        c('approval_of_cast', '赞成户数占投票户数', n.count, n.voted, `>= ${rule.thresholdPercent}%`, n.voted > 0 && n.count * 100 >= rule.thresholdPercent * n.voted),
      ]
    case 'art278': {
      const [req, ok] = rule.major
        ? ['>= 3/4', (num: number, den: number) => den > 0 && num * 4 >= den * 3]
        : ['> 1/2', (num: number, den: number) => den > 0 && num * 2 > den]
      return [
        c('participation_area', '参与表决的专有部分面积占建筑物总面积', n.votedArea, n.eligibleArea, '>= 2/3', n.eligibleArea > 0 && n.votedArea * 3 >= n.eligibleArea * 2, true),
        c('participation_headcount', '参与表决人数占业主总人数', n.voted, n.eligible, '>= 2/3', n.eligible > 0 && n.voted * 3 >= n.eligible * 2),
        c('approval_area', '同意的专有部分面积占参与表决面积', n.area, n.votedArea, req, ok(n.area, n.votedArea), true),
        c('approval_headcount', '同意人数占参与表决人数', n.count, n.voted, req, ok(n.count, n.voted)),
      ]
    }
  }
}

export function computeTally(input: TallyInput): { turnout: Tally['turnout']; options: NonNullable<Tally['options']>; decision: NonNullable<Tally['decision']> } {
  const byChannel = zero()
  let voted = 0
  let votedArea = 0
  for (const r of input.votedRows) {
    byChannel[r.channel as Channel] += r.count
    voted += r.count
    votedArea += r.areaHundredths
  }
  const per = new Map(input.options.map((o) => [o.id, { count: 0, area: 0, byChannel: zero() }]))
  for (const r of input.optionRows) {
    const o = per.get(r.optionId)
    if (!o) continue
    o.count += r.count
    o.area += r.areaHundredths
    o.byChannel[r.channel as Channel] += r.count
  }

  // the measured option: the one the rule names, else the single leader (a tie decides nothing)
  let subject: string | null = input.rule.approveOption ?? null
  const tie: Cond[] = []
  if (!subject) {
    const ranked = [...per.entries()].sort((a, b) => b[1].count - a[1].count)
    if (ranked.length && ranked[0][1].count > 0) {
      if (ranked.length > 1 && ranked[1][1].count === ranked[0][1].count) {
        tie.push({ key: 'single_leader', label: '得票最多的选项唯一', actual: `${ranked[0][0]} = ${ranked[1][0]} (${ranked[0][1].count})`, required: '唯一', met: false })
      }
      subject = ranked[0][0]
    }
  }
  const s = subject ? per.get(subject)! : { count: 0, area: 0 }
  const conditions = [...tie, ...evaluateRule(input.rule, {
    eligible: input.eligible.households, eligibleArea: input.eligible.areaHundredths, voted, votedArea, count: s.count, area: s.area,
  })]
  return {
    turnout: {
      eligibleHouseholds: input.eligible.households, votedHouseholds: voted,
      eligibleArea: m2(input.eligible.areaHundredths), votedArea: m2(votedArea), byChannel,
    },
    options: input.options.map((o) => {
      const v = per.get(o.id)!
      return { id: o.id, label: o.label, count: v.count, area: m2(v.area), byChannel: v.byChannel }
    }),
    decision: { rule: input.rule, subjectOption: subject, conditions, passed: subject !== null && conditions.every((x) => x.met) },
  }
}
