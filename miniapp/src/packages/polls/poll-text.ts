// Plain-Chinese wording of a poll's rules, shared by the poll pages.
import type { BallotChannel, DecisionRule, PollState } from '@linli/shared'
import { PollStatusLabel } from '@linli/shared'
import type { PollT } from '../../api/polls'

export const ChannelLabel: Record<BallotChannel, string> = { online: '线上', paper: '纸质票', door: '入户代投' }

export function statusLabel(s: PollState): string {
  return PollStatusLabel[s] ?? s
}

/** "单选" / "可选 1 到 3 项" */
export function choiceInWords(c: PollT['choice']): string {
  if (c.kind === 'single') return '单选，只能选 1 项'
  if (c.min === c.max) return `多选，须选 ${c.min} 项`
  return `多选，可选 ${c.min} 到 ${c.max} 项`
}

export function voterRuleInWords(v: PollT['voterRule']): string {
  return v === 'head' ? '每户一票，由户主投票' : '每户一票，家中任一成年成员均可代表本户投票'
}

/** the decision rule, in words a resident understands */
export function ruleInWords(rule: DecisionRule): string {
  const subject = rule.approveOption ? `选项 ${rule.approveOption}` : '得票最多的选项'
  switch (rule.kind) {
    case 'simple_majority':
      return `${subject}的票数超过已投票户数的一半即通过`
    case 'majority_of_eligible':
      return `${subject}的票数超过全部有投票权户数的一半即通过`
    case 'two_thirds_cast':
      return `${subject}的票数达到已投票户数的三分之二即通过`
    case 'custom':
      return `参与投票的户数达到有投票权户数的 ${rule.quorumPercent}%，且${subject}的票数达到已投票户数的 ${rule.thresholdPercent}% 即通过`
    case 'art278':
      return `按《民法典》第二百七十八条${rule.major ? '（重大事项）' : '（一般事项）'}：参与表决的专有面积和人数均须达到三分之二以上，且${subject}须经参与表决专有面积和人数${rule.major ? '各四分之三以上' : '各过半数'}同意`
  }
}
