import { render, screen } from '@testing-library/react'
import ResultView from '../../miniapp/src/packages/polls/components/result-view'
import { ClosedPollCard, OpenPollCard } from '../../miniapp/src/pages/deliberation/index'
import { ruleInWords } from '../../miniapp/src/packages/polls/poll-text'
import { makePoll, makeTally } from './polls-fixtures'

const text = (c: HTMLElement, sel: string) => c.querySelector(sel)!.textContent

describe('poll result view', () => {
  it('renders turnout, per-option counts with online/paper/door subtotals and each rule condition', () => {
    const { container } = render(<ResultView tally={makeTally()} />)
    expect(text(container, '#turnout-households')).toBe('3 / 120 户（2.5%）')
    expect(text(container, '#turnout-channels')).toBe('线上 2 · 纸质票 1 · 入户代投 0')
    expect(text(container, '#result-option-A')).toContain('A. 同意')
    expect(text(container, '#result-option-A')).toContain('2 票')
    expect(text(container, '#result-option-A-channels')).toBe('线上 1 · 纸质票 1 · 入户代投 0')
    expect(text(container, '#result-option-B-channels')).toBe('线上 1 · 纸质票 0 · 入户代投 0')
    const area = container.querySelector('#condition-participation_area')!
    expect(area.className).toContain('condition--unmet')
    expect(area.textContent).toContain('✗ 未达到')
    expect(area.textContent).toContain('230.5 / 9000（要求 >= 2/3）')
    const head = container.querySelector('#condition-approval_headcount')!
    expect(head.className).toContain('condition--met')
    expect(head.textContent).toContain('✓ 达到')
    expect(text(container, '#result-verdict')).toBe('表决未通过')
    expect(text(container, '#result-decision')).toContain('民法典》第二百七十八条（一般事项）')
    expect(screen.getByText('计票结果（已认证）')).toBeTruthy()
  })

  it('says when counts are published only after closing', () => {
    const { container } = render(<ResultView tally={makeTally({ status: 'open', certified: false, certifiedAt: null, visible: false, options: null, decision: null })} />)
    expect(container.querySelector('#result-hidden')).toBeTruthy()
    expect(container.querySelector('#result-options')).toBeNull()
    expect(container.querySelector('#result-verdict')).toBeNull()
    expect(text(container, '#turnout-households')).toContain('3 / 120 户')
  })

  it('a live snapshot shows counts as of an earlier moment, without areas or channels per option', () => {
    const t = makeTally({
      status: 'open', certified: false, certifiedAt: null, decision: null, liveEvery: 5,
      asOf: { votedHouseholds: 10, takenAt: '2026-11-24T10:00:00+08:00' },
      turnout: { eligibleHouseholds: 120, votedHouseholds: 17, eligibleArea: 9000, votedArea: 1500, byChannel: { online: 12, paper: 3, door: 2 } },
      options: [{ id: 'A', label: '同意', count: 6, area: null, byChannel: null }, { id: 'B', label: '不同意', count: 4, area: null, byChannel: null }],
    })
    const { container } = render(<ResultView tally={t} />)
    expect(text(container, '#result-as-of')).toContain('截至第 10 户投票时的票数')
    expect(text(container, '#result-as-of')).toContain('每新增至少 5 户才更新')
    expect(text(container, '#turnout-households')).toBe('17 / 120 户（14.2%）') // turnout itself is live
    expect(container.querySelector('#result-option-A-channels')).toBeNull()
    expect(text(container, '#result-option-A')).not.toContain('面积')
    expect((container.querySelector('#result-option-A .result-bar__fill') as HTMLElement).style.width).toBe('60%')
    expect(screen.getByText('实时计票')).toBeTruthy()
  })

  it('a live poll with no snapshot published yet says why', () => {
    const t = makeTally({ status: 'open', certified: false, certifiedAt: null, visible: false, options: null, decision: null, liveEvery: 5 })
    const { container } = render(<ResultView tally={t} />)
    expect(text(container, '#result-hidden')).toContain('为保护投票秘密，实时计票每新增至少 5 户投票才更新一次')
  })

  it('states a passed decision with its option', () => {
    const t = makeTally()
    const { container } = render(<ResultView tally={{ ...t, decision: { ...t.decision!, passed: true } }} />)
    expect(text(container, '#result-verdict')).toBe('表决通过（选项 A）')
  })

  it('words every decision rule', () => {
    expect(ruleInWords({ kind: 'simple_majority' })).toBe('得票最多的选项的票数超过已投票户数的一半即通过')
    expect(ruleInWords({ kind: 'majority_of_eligible', approveOption: 'A' })).toContain('选项 A的票数超过全部有投票权户数的一半')
    expect(ruleInWords({ kind: 'two_thirds_cast' })).toContain('三分之二')
    expect(ruleInWords({ kind: 'custom', quorumPercent: 40, thresholdPercent: 60 })).toContain('40%')
    expect(ruleInWords({ kind: 'art278', major: true })).toContain('重大事项')
    expect(ruleInWords({ kind: 'art278', major: true })).toContain('各四分之三以上')
  })
})

describe('议事 tab cards', () => {
  it('marks open polls 已投票 / 未投票', () => {
    const poll = makePoll()
    const { container, rerender } = render(<OpenPollCard item={{ poll, voted: false, eligible: true }} />)
    expect(container.textContent).toContain('未投票')
    expect(screen.getByRole('button').textContent).toBe('去投票')
    rerender(<OpenPollCard item={{ poll, voted: true, eligible: true }} />)
    expect(container.textContent).toContain('已投票')
    expect(screen.getByRole('button').textContent).toBe('查看')
  })

  it('shows a closed poll with its result', () => {
    const { container } = render(<ClosedPollCard item={{ poll: makePoll({ status: 'closed' }), tally: makeTally() }} />)
    expect(container.textContent).toContain('未通过')
    expect(container.textContent).toContain('已投票 3 / 120 户')
    expect(container.textContent).toContain('A. 同意：2 票')
  })
})
