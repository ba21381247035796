import { BallotReceipt, Poll, Tally } from '@linli/shared'

type PollT = import('@linli/shared').Poll
type TallyT = import('@linli/shared').Tally

export const POLL_ID = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b'
export const RECEIPT = 'a3f5'.repeat(16)
/** its first 80 bits in Crockford base32 (worked out by hand, not by the app's encoder) */
export const RECEIPT_CODE = 'MFTT-7XD3-YPHZ-B8ZN'

/** a Poll that passes the shared contract, so a fixture can't drift from the server */
export function makePoll(over: Partial<PollT> = {}): PollT {
  return Poll.parse({
    id: POLL_ID,
    unitId: '7d2e3f40-5b6c-4d7e-8f90-a1b2c3d4e5f6',
    unitName: '幸福社区',
    title: '是否同意加装电梯',
    body: '费用按楼层分摊。',
    options: [{ id: 'A', label: '同意' }, { id: 'B', label: '不同意' }],
    choice: { kind: 'single', min: 1, max: 1 },
    opensAt: '2026-11-20T09:00:00+08:00',
    closesAt: '2026-11-30T20:00:00+08:00',
    voterRule: 'head',
    allowChange: true,
    tallyVisibility: 'after_close',
    rule: { kind: 'simple_majority' },
    status: 'open',
    statusReason: null,
    openedAt: '2026-11-20T09:00:00+08:00',
    closedAt: null,
    cancelledAt: null,
    electorateSize: 120,
    myHousehold: { householdId: '6c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5', eligible: true, voted: false, canChange: false, ballot: null },
    createdAt: '2026-11-19T09:00:00+08:00',
    ...over,
  })
}

export function makeReceipt(choices: string[]) {
  return BallotReceipt.parse({ pollId: POLL_ID, receipt: RECEIPT, code: RECEIPT_CODE, choices, channel: 'online', castAt: '2026-11-21T10:00:00+08:00', supersedes: null })
}

export function makeTally(over: Partial<TallyT> = {}): TallyT {
  return Tally.parse({
    pollId: POLL_ID,
    status: 'closed',
    certified: true,
    certifiedAt: '2026-11-30T20:00:00+08:00',
    visible: true,
    turnout: { eligibleHouseholds: 120, votedHouseholds: 3, eligibleArea: 9000, votedArea: 230.5, byChannel: { online: 2, paper: 1, door: 0 } },
    options: [
      { id: 'A', label: '同意', count: 2, area: 150.5, byChannel: { online: 1, paper: 1, door: 0 } },
      { id: 'B', label: '不同意', count: 1, area: 80, byChannel: { online: 1, paper: 0, door: 0 } },
    ],
    decision: {
      rule: { kind: 'art278', major: false },
      subjectOption: 'A',
      conditions: [
        { key: 'participation_area', label: '参与表决的专有面积', actual: '230.5 / 9000', required: '>= 2/3', met: false },
        { key: 'approval_headcount', label: '同意的人数', actual: '2 / 3', required: '> 1/2', met: true },
      ],
      passed: false,
    },
    asOf: null,
    liveEvery: null,
    ...over,
  })
}

export const ok = (data: unknown, statusCode = 200) => ({ statusCode, data, header: {}, errMsg: 'request:ok' }) as any
