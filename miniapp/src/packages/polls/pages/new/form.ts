// The 发起投票 form's state and its conversion to the CreatePollBody the server takes.
import { CreatePollBody, OPTION_LETTERS, POLL_LIMITS, type DecisionRule } from '@linli/shared'
import type { NewPoll } from '../../../../api/polls'

export type RuleKind = DecisionRule['kind']
export interface PollForm {
  unitId: string
  title: string
  body: string
  options: string[]
  multi: boolean
  min: string
  max: string
  openDate: string
  openTime: string
  closeDate: string
  closeTime: string
  voterRule: 'head' | 'adult'
  allowChange: boolean
  live: boolean
  ruleKind: RuleKind
  approveOption: string
  quorum: string
  threshold: string
  major: boolean
}

const p2 = (n: number) => String(n).padStart(2, '0')
/** a Date -> ['YYYY-MM-DD', 'HH:mm'] in Asia/Shanghai */
export function shanghaiParts(d: Date): [string, string] {
  const s = new Date(d.getTime() + 8 * 3600 * 1000)
  return [`${s.getUTCFullYear()}-${p2(s.getUTCMonth() + 1)}-${p2(s.getUTCDate())}`, `${p2(s.getUTCHours())}:${p2(s.getUTCMinutes())}`]
}
export const toIso = (date: string, time: string) => `${date}T${time}:00+08:00`

export function emptyForm(unitId: string, now = new Date()): PollForm {
  const [openDate, openTime] = shanghaiParts(now)
  const [closeDate] = shanghaiParts(new Date(now.getTime() + 7 * 24 * 3600 * 1000))
  return {
    unitId, title: '', body: '', options: ['同意', '不同意'], multi: false, min: '1', max: '2',
    openDate, openTime, closeDate, closeTime: '20:00', voterRule: 'head', allowChange: true, live: false,
    ruleKind: 'simple_majority', approveOption: '', quorum: '50', threshold: '50', major: false,
  }
}

export function toBody(f: PollForm): NewPoll {
  const approveOption = f.approveOption || undefined
  let rule: DecisionRule
  switch (f.ruleKind) {
    case 'custom': rule = { kind: 'custom', approveOption, quorumPercent: Number(f.quorum), thresholdPercent: Number(f.threshold) }; break
    case 'art278': rule = { kind: 'art278', approveOption, major: f.major }; break
    default: rule = { kind: f.ruleKind, approveOption }
  }
  return {
    unitId: f.unitId,
    title: f.title.trim(),
    body: f.body.trim(),
    options: f.options.map((o) => o.trim()).filter(Boolean),
    choice: f.multi ? { kind: 'multi', min: Number(f.min), max: Number(f.max) } : { kind: 'single' },
    opensAt: toIso(f.openDate, f.openTime),
    closesAt: toIso(f.closeDate, f.closeTime),
    voterRule: f.voterRule,
    allowChange: f.allowChange,
    tallyVisibility: f.live ? 'live' : 'after_close',
    rule,
  }
}

const FIELD: Record<string, string> = {
  unitId: '投票范围', title: '标题', body: '说明', options: '选项', choice: '可选项数', opensAt: '开始时间', closesAt: '截止时间', rule: '表决规则',
}

/** the first problem, in Chinese, or '' when the server should accept it */
export function checkForm(f: PollForm): string {
  if (!f.unitId) return '请选择投票范围'
  if (!f.title.trim()) return '请填写标题'
  const opts = f.options.map((o) => o.trim()).filter(Boolean)
  if (opts.length < POLL_LIMITS.optionsMin) return `至少需要 ${POLL_LIMITS.optionsMin} 个选项`
  if (f.approveOption && OPTION_LETTERS.indexOf(f.approveOption) >= opts.length) return '表决依据的选项不存在'
  const r = CreatePollBody.safeParse(toBody(f))
  if (r.success) return ''
  const issue = r.error.issues[0]
  const label = FIELD[String(issue.path[0])] ?? '表单'
  return /[\u4e00-\u9fa5]/.test(issue.message) ? `${label}：${issue.message}` : `${label}填写有误，请检查`
}
