import { receiptCode, type BallotReceipt, type DecisionRule, type Poll } from '@linli/shared'
import type { BallotRow, PollWithUnit } from './polls.repository'

type PollView = Omit<Poll, 'myHousehold' | 'electorateSize'>

export const presentPollSummary = (p: PollWithUnit, electorateSize: number | null = null): PollView & { electorateSize: number | null } => ({
  id: p.id,
  unitId: p.unitId,
  unitName: p.unitName,
  title: p.title,
  body: p.body,
  options: p.options.map((o) => ({ id: o.id, label: o.label })),
  choice: { kind: p.multi ? 'multi' : 'single', min: p.minChoices, max: p.maxChoices },
  opensAt: p.opensAt.toISOString(),
  closesAt: p.closesAt.toISOString(),
  voterRule: p.voterRule as Poll['voterRule'],
  allowChange: p.allowChange,
  tallyVisibility: p.tallyVisibility as Poll['tallyVisibility'],
  rule: p.rule as DecisionRule,
  status: p.status as Poll['status'],
  statusReason: p.statusReason,
  openedAt: p.openedAt?.toISOString() ?? null,
  closedAt: p.closedAt?.toISOString() ?? null,
  cancelledAt: p.cancelledAt?.toISOString() ?? null,
  electorateSize,
  createdAt: p.createdAt.toISOString(),
})

export const presentPoll = (p: PollWithUnit, electorateSize: number | null, myHousehold: Poll['myHousehold']): Poll => ({
  ...presentPollSummary(p, electorateSize), myHousehold,
})

/** Only ever sent to the household that cast it (or the worker who entered it). */
export const presentReceipt = (b: BallotRow, supersedes: string | null): BallotReceipt => ({
  pollId: b.pollId,
  receipt: b.receipt,
  code: receiptCode(b.receipt),
  choices: b.choices,
  channel: b.channel as BallotReceipt['channel'],
  castAt: b.castAt.toISOString(),
  supersedes,
})
